import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, type OrderStatus } from '@bytelyst/trading-contracts';
import { tenantScope, type Store, type TenantScope } from '../../ports/store.js';
import { createTestStore, testStores, uniqueId, type TestStore } from '../../../test-support/db.js';
import { emptyBatch, makeOrder } from '../../../test-support/fixtures.js';

const errorOf = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
};

/** Migration 0006: an order's history only moves forward, whatever writes it. */
describe.each(testStores())('order history guard on %s', (driver) => {
  let t: TestStore;
  let store: Store;

  beforeAll(async () => {
    t = await createTestStore(driver);
    store = t.store;
  });
  afterAll(() => t?.cleanup());

  const newTenant = async (): Promise<TenantScope> => {
    const id = uniqueId('tenant');
    await store.ensureTenant({ id, name: id });
    return tenantScope(id);
  };
  const owner = (s: TenantScope) => ({ tenantId: s.tenantId, profileId: 'p1' });

  const finals: { status: OrderStatus; filledQuantity: string }[] = [
    { status: 'FILLED', filledQuantity: '0.015' },
    { status: 'REJECTED', filledQuantity: '0' },
    { status: 'CANCELLED', filledQuantity: '0.005' },
    { status: 'EXPIRED', filledQuantity: '0' },
  ];
  const others: OrderStatus[] = [
    'NEW',
    'SUBMITTED',
    'PARTIALLY_FILLED',
    'FILLED',
    'CANCELLED',
    'REJECTED',
    'EXPIRED',
  ];

  it.each(finals)('refuses moving a $status order to any other state', async (final) => {
    const s = await newTenant();
    const order = makeOrder(owner(s), final);
    await store.journal.commit(emptyBatch(s.tenantId, { orders: [order] }));
    for (const to of others.filter((x) => x !== final.status)) {
      // Through the journal (the upsert that used to rewrite history) ...
      const err = await errorOf(
        store.journal.commit(emptyBatch(s.tenantId, { orders: [{ ...order, status: to }] })),
      );
      expect(err.code).toBe('UNPROCESSABLE');
      expect(err.message).toContain('orders_final_state');
    }
    // ... and through plain SQL: the trigger, not the journal's code, refuses it.
    const sql = (store as unknown as { sql: { query(q: string, p: unknown[]): Promise<unknown> } })
      .sql;
    const err = await errorOf(
      sql.query(`UPDATE orders SET status = 'NEW' WHERE tenant_id = $1 AND id = $2`, [
        s.tenantId,
        order.id,
      ]),
    );
    expect(err.code).toBe('UNPROCESSABLE');
    expect(await store.getOrder(s, order.id)).toEqual(order);
    // Writing it again as it is (a replay) is fine.
    await store.journal.commit(emptyBatch(s.tenantId, { orders: [order] }));
  });

  it('refuses lowering the filled quantity, and lets an open order move forward', async () => {
    const s = await newTenant();
    const order = makeOrder(owner(s), { status: 'PARTIALLY_FILLED', filledQuantity: '0.01' });
    await store.journal.commit(emptyBatch(s.tenantId, { orders: [order] }));
    const err = await errorOf(
      store.journal.commit(
        emptyBatch(s.tenantId, {
          orders: [{ ...order, status: 'CANCELLED', filledQuantity: '0' }],
        }),
      ),
    );
    expect(err.message).toContain('orders_filled_monotonic');
    const done = { ...order, status: 'FILLED' as const, filledQuantity: order.quantity };
    await store.journal.commit(emptyBatch(s.tenantId, { orders: [done] }));
    expect((await store.getOrder(s, order.id))?.status).toBe('FILLED');
  });
});
