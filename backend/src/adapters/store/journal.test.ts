import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, type LedgerEntry } from '@bytelyst/trading-contracts';
import { tenantScope, type Store, type TenantScope } from '../../ports/store.js';
import { createTestStore, testStores, uniqueId, type TestStore } from '../../../test-support/db.js';
import {
  at,
  bookBuy,
  emptyBatch,
  makeDecision,
  makeEquity,
  makeFill,
  makeOrder,
  makePosition,
  makeTrade,
} from '../../../test-support/fixtures.js';
import { type SqlStore } from './sql-store.js';
import { formatFixed, parseFixed } from '../../domain/money/fixed.js';
import { positionFromContract, positionToContract } from '../../domain/positions/position.js';

/** The row as an older build wrote it: no cost basis at all. */
const withoutCostBasis = <T extends { costBasis?: unknown }>(p: T): Omit<T, 'costBasis'> => {
  const { costBasis: _omitted, ...rest } = p;
  return rest;
};

const errorOf = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
};

/** Scaled-integer decimal text, so the property test never goes through a float. */
const decimalOf = (units: bigint, scale: number): string => {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return neg ? `-${text}` : text;
};

describe.each(testStores())('trading journal on %s', (driver) => {
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

  it('writes a whole step atomically and reads it back exactly', async () => {
    const s = await newTenant();
    const owner = { tenantId: s.tenantId, profileId: 'p1' };
    const decision = makeDecision(owner);
    const order = makeOrder(owner, {
      status: 'FILLED',
      filledQuantity: '0.015',
      decisionId: decision.id,
    });
    const fill = makeFill(order);
    await store.journal.commit(
      emptyBatch(s.tenantId, {
        decisions: [{ ...decision, orderId: order.id }],
        orders: [order],
        fills: [fill],
        ledgerEntries: bookBuy(fill, 'p1'),
        positions: [makePosition(owner)],
      }),
    );
    expect(await store.getOrder(s, order.id)).toEqual(order);
    expect(await store.getDecision(s, decision.id)).toEqual({ ...decision, orderId: order.id });
    const found = await store.journal.findOrder(s.tenantId, order.clientOrderId);
    expect(found).toEqual({ order, fills: [fill] });
    const ledger = await store.listLedger(s);
    expect(ledger.items.map((e) => e.amount).sort()).toEqual(['-960.9615', '0.96', '960.0015']);
  });

  it("loads a tenant's unresolved drift alerts (the durable drift trip), and only its own", async () => {
    const s = await newTenant();
    const other = await newTenant();
    const alert = (id: string, code: string) => ({
      id,
      tenantId: s.tenantId,
      profileId: 'p1',
      severity: 'warning' as const,
      kind: code === 'MODEL_DRIFT' ? ('model_drift' as const) : ('drawdown' as const),
      code,
      message: `${code} message`,
      state: 'open' as const,
      acknowledged: false,
      acknowledgedBy: null,
      acknowledgedAt: null,
      resolvedBy: null,
      resolvedAt: null,
      createdAt: at(0),
    });
    const drift = `a-${randomUUID()}`;
    await store.journal.commit(
      emptyBatch(s.tenantId, {
        alerts: [alert(drift, 'MODEL_DRIFT'), alert(`a-${randomUUID()}`, 'DAILY_LOSS')],
      }),
    );
    const snap = await store.journal.load(s.tenantId, { tradesSince: 0 });
    expect(snap.modelDriftAlerts).toEqual([{ id: drift, message: 'MODEL_DRIFT message' }]);
    const theirs = await store.journal.load(other.tenantId, { tradesSince: 0 });
    expect(theirs.modelDriftAlerts).toEqual([]);
  });

  it('rolls back everything when one part fails (unbalanced ledger)', async () => {
    const s = await newTenant();
    const owner = { tenantId: s.tenantId, profileId: 'p1' };
    const order = makeOrder(owner);
    const fill = makeFill(order);
    const legs = bookBuy(fill, 'p1');
    const unbalanced = legs.map((e, i) => (i === 0 ? { ...e, amount: '960.0016' } : e));
    const err = await errorOf(
      store.journal.commit(
        emptyBatch(s.tenantId, { orders: [order], fills: [fill], ledgerEntries: unbalanced }),
      ),
    );
    expect(err.code).toBe('UNPROCESSABLE');
    expect(await store.getOrder(s, order.id)).toBeNull();
    expect((await store.listLedger(s)).items).toEqual([]);
  });

  it('books a replayed fill once: the duplicate and its ledger transaction are skipped', async () => {
    const s = await newTenant();
    const owner = { tenantId: s.tenantId, profileId: 'p1' };
    const order = makeOrder(owner, { status: 'PARTIALLY_FILLED' });
    const fill = makeFill(order);
    await store.journal.commit(
      emptyBatch(s.tenantId, {
        orders: [order],
        fills: [fill],
        ledgerEntries: bookBuy(fill, 'p1'),
      }),
    );
    // Same (order, exchange trade id) reported again with fresh ids, as a late duplicate would be.
    const replay = { ...fill, id: randomUUID() };
    await store.journal.commit(
      emptyBatch(s.tenantId, { fills: [replay], ledgerEntries: bookBuy(replay, 'p1') }),
    );
    const found = await store.journal.findOrder(s.tenantId, order.clientOrderId);
    expect(found?.fills).toHaveLength(1);
    expect((await store.listLedger(s)).items).toHaveLength(3);
  });

  it('upserts orders through their lifecycle and keeps the last state of a batch', async () => {
    const s = await newTenant();
    const owner = { tenantId: s.tenantId, profileId: 'p1' };
    const order = makeOrder(owner);
    const submitted = {
      ...order,
      status: 'SUBMITTED' as const,
      exchangeOrderId: 'ex-1',
      updatedAt: at(1),
    };
    await store.journal.commit(emptyBatch(s.tenantId, { orders: [order, submitted] }));
    expect(await store.getOrder(s, order.id)).toEqual(submitted);
    const filled = {
      ...submitted,
      status: 'FILLED' as const,
      filledQuantity: '0.015',
      averageFillPrice: '64000.1',
      updatedAt: at(2),
    };
    await store.journal.commit(emptyBatch(s.tenantId, { orders: [filled] }));
    expect(await store.getOrder(s, order.id)).toEqual(filled);
  });

  it('refuses a second order with the same client order id', async () => {
    const s = await newTenant();
    const owner = { tenantId: s.tenantId, profileId: 'p1' };
    const first = makeOrder(owner, { clientOrderId: 'dup-1' });
    await store.journal.commit(emptyBatch(s.tenantId, { orders: [first] }));
    const err = await errorOf(
      store.journal.commit(
        emptyBatch(s.tenantId, { orders: [makeOrder(owner, { clientOrderId: 'dup-1' })] }),
      ),
    );
    expect(err.code).toBe('CONFLICT');
  });

  it('refuses a batch that mixes tenants', async () => {
    const s = await newTenant();
    const err = await errorOf(
      store.journal.commit(
        emptyBatch(s.tenantId, {
          orders: [makeOrder({ tenantId: 'someone-else', profileId: 'p' })],
        }),
      ),
    );
    expect(err.code).toBe('VALIDATION_FAILED');
  });

  it('checks the fence inside the transaction', async () => {
    const s = await newTenant();
    const owner = { tenantId: s.tenantId, profileId: 'p1' };
    const order = makeOrder(owner);
    const fenced = emptyBatch(s.tenantId, {
      fence: { instanceId: 'i-1', epoch: 1 },
      orders: [order],
    });
    const err = await errorOf(store.journal.commit(fenced));
    expect([err.code, err.message]).toEqual(['CONFLICT', 'fenced']);
    expect(await store.getOrder(s, order.id)).toBeNull();
    const raw = (store as SqlStore).sql;
    await raw.query(
      `INSERT INTO loop_leases (tenant_id, owner, epoch, acquired_at, heartbeat_at)
       VALUES ($1, 'i-1', 1, now(), now())`,
      [s.tenantId],
    );
    await store.journal.commit(fenced);
    expect(await store.getOrder(s, order.id)).toEqual(order);
    await raw.query('UPDATE loop_leases SET epoch = 2 WHERE tenant_id = $1', [s.tenantId]);
    expect((await errorOf(store.journal.commit(fenced))).message).toBe('fenced');
  });

  it('appends audit drafts in the same transaction, and not at all when fenced', async () => {
    const s = await newTenant();
    const order = makeOrder({ tenantId: s.tenantId, profileId: 'p1' });
    const draft = {
      at: at(0),
      actor: { type: 'system' as const, id: 'engine', tenantId: s.tenantId },
      tenantId: s.tenantId,
      action: 'profile.blocked' as const,
      target: 'profile:p1',
      before: { blocked: false },
      after: { blocked: true, why: undefined },
      reason: 'reconciliation mismatch',
      requestId: null,
    };
    const fenced = emptyBatch(s.tenantId, {
      fence: { instanceId: 'nobody', epoch: 7 },
      orders: [order],
      auditEvents: [draft],
    });
    expect((await errorOf(store.journal.commit(fenced))).message).toBe('fenced');
    expect((await store.listAudit(s)).items).toEqual([]);
    await store.journal.commit(emptyBatch(s.tenantId, { orders: [order], auditEvents: [draft] }));
    const [event] = (await store.listAudit(s)).items;
    expect(event).toMatchObject({ action: 'profile.blocked', after: { blocked: true } });
    expect(await store.getOrder(s, order.id)).toEqual(order);
    expect((await store.verifyAudit()).ok).toBe(true);
  });

  it('loads what recovery needs in one snapshot', async () => {
    const s = await newTenant();
    const p = await store.createProfile(s, {
      userId: 'u',
      name: 'p',
      symbols: ['BTC-USD'],
      timeframe: '1m',
      strategy: { strategy: 'rsi-reversion', params: { period: 14, oversold: 30, overbought: 70 } },
      capitalAllocation: '1000',
      risk: (await import('@bytelyst/trading-contracts')).DEFAULT_RISK_LIMITS,
      enabled: true,
    });
    const owner = { tenantId: s.tenantId, profileId: p.id };
    const open = makeOrder(owner, {
      status: 'PARTIALLY_FILLED',
      quantity: '0.030',
      filledQuantity: '0.015',
    });
    const unknown = makeOrder(owner, { status: 'REJECTED', outcomeUnknown: true });
    const done = makeOrder(owner, { status: 'FILLED', filledQuantity: '0.015' });
    const openFill = makeFill(open, { quantity: '0.015' });
    const doneFill = makeFill(done);
    await store.journal.commit(
      emptyBatch(s.tenantId, {
        orders: [open, unknown, done],
        fills: [openFill, doneFill],
        ledgerEntries: [...bookBuy(openFill, p.id), ...bookBuy(doneFill, p.id)],
        positions: [makePosition(owner, { quantity: '0.030' })],
        equitySnapshots: [
          makeEquity(owner, { at: at(0), equity: '1000' }),
          makeEquity(owner, { at: at(1000), equity: '1200.5' }),
          makeEquity(owner, { at: at(2000), equity: '1100' }),
        ],
        trades: [
          makeTrade(owner, { closedAt: at(-86_400_000) }),
          makeTrade(owner, { closedAt: at(5000) }),
        ],
      }),
    );
    const snap = await store.journal.load(s.tenantId, { tradesSince: Date.parse(at(0)) });
    expect(snap.profiles.map((x) => x.id)).toEqual([p.id]);
    expect(snap.openOrders.map((o) => o.id).sort()).toEqual([open.id, unknown.id].sort());
    expect(snap.fillsOfOpenOrders).toEqual([openFill]);
    expect(snap.positions).toHaveLength(1);
    const cash = snap.ledgerBalances.find((b) => b.account === 'cash');
    expect(cash).toEqual({
      profileId: p.id,
      account: 'cash',
      currency: 'USD',
      balance: '-1921.923',
    });
    expect(snap.equity).toEqual([
      {
        profileId: p.id,
        last: makeEquity(owner, { at: at(2000), equity: '1100' }),
        peakEquity: '1200.5',
      },
    ]);
    expect(snap.recentTrades.map((x) => x.closedAt)).toEqual([at(5000)]);
  });

  it("keeps a position's exact cost basis, which its average entry cannot carry", async () => {
    const s = await newTenant();
    const owner = { tenantId: s.tenantId, profileId: 'p1' };
    // 1 @ 100 then 2 @ 101: cost 302 over 3 units, an average of 100.666... rounded to 18 places.
    const exact = positionFromContract({
      ...makePosition(owner, {
        quantity: '3',
        averageEntryPrice: '100.666666666666666667',
      }),
      costBasis: '302',
    });
    const contract = positionToContract(exact);
    await store.journal.commit(
      emptyBatch(s.tenantId, { positions: [{ ...contract, costBasis: formatFixed(exact.cost) }] }),
    );
    const loaded = (await store.journal.load(s.tenantId, { tradesSince: 0 })).positions;
    expect(loaded).toHaveLength(1);
    expect(loaded[0]?.costBasis).toBe('302');
    // The upsert moves the cost basis with the rest of the row (a sell of 1 relieves 302/3).
    const sold = { ...contract, quantity: '2', costBasis: '201.333333333333333334' };
    await store.journal.commit(emptyBatch(s.tenantId, { positions: [sold] }));
    const after = (await store.journal.load(s.tenantId, { tradesSince: 0 })).positions;
    expect(after[0]?.costBasis).toBe('201.333333333333333334');
    await store.journal.commit(emptyBatch(s.tenantId, { positions: [withoutCostBasis(contract)] }));
    const reloaded = (await store.journal.load(s.tenantId, { tradesSince: 0 })).positions;
    // A row written without one (an older build) reads as quantity x average, not a stale value.
    expect(reloaded[0]?.costBasis).toBe('302.000000000000000001');
    expect(positionFromContract(loaded[0]!).cost).toBe(parseFixed('302'));
    // Without it (rows from before the column), the average is all there is: not exact.
    const rebuilt = positionFromContract({ ...loaded[0]!, costBasis: null });
    expect(rebuilt.cost).not.toBe(parseFixed('302'));
    // The API's position row carries the same exact cost.
    await store.journal.commit(emptyBatch(s.tenantId, { positions: [contract] }));
    expect((await store.listPositions(s))[0]?.costBasis).toBe('302');
  });

  it('keeps the ledger append-only', async () => {
    const s = await newTenant();
    const order = makeOrder({ tenantId: s.tenantId, profileId: 'p1' });
    const fill = makeFill(order);
    await store.journal.commit(
      emptyBatch(s.tenantId, {
        orders: [order],
        fills: [fill],
        ledgerEntries: bookBuy(fill, 'p1'),
      }),
    );
    const raw = (store as SqlStore).sql;
    await expect(
      raw.query(`UPDATE ledger_entries SET amount = 0 WHERE tenant_id = $1`, [s.tenantId]),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      raw.query(`DELETE FROM ledger_entries WHERE tenant_id = $1`, [s.tenantId]),
    ).rejects.toBeInstanceOf(AppError);
  });

  it('accepts every balanced transaction and refuses every unbalanced one (property)', async () => {
    const s = await newTenant();
    const leg = fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n });
    await fc.assert(
      fc.asyncProperty(
        fc.array(leg, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 8 }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        async (amounts, scale, skew) => {
          const total = amounts.reduce((a, b) => a + b, 0n);
          const legs = [...amounts, -total];
          const tx = (offset: bigint): LedgerEntry[] => {
            const transactionId = randomUUID();
            return legs.map((units, i) => ({
              id: randomUUID(),
              tenantId: s.tenantId,
              profileId: 'prop',
              transactionId,
              account: i === 0 ? 'cash' : 'capital',
              amount: decimalOf(i === 0 ? units + offset : units, scale),
              currency: 'USD',
              fillId: null,
              reversesTransactionId: null,
              memo: 'property',
              postedAt: at(0),
            }));
          };
          await store.journal.commit(emptyBatch(s.tenantId, { ledgerEntries: tx(0n) }));
          const err = await errorOf(
            store.journal.commit(emptyBatch(s.tenantId, { ledgerEntries: tx(skew) })),
          );
          expect(err.code).toBe('UNPROCESSABLE');
        },
      ),
      { numRuns: 15 },
    );
  });

  it('sums the whole stored transaction: a later leg cannot unbalance a balanced one', async () => {
    const s = await newTenant();
    const transactionId = randomUUID();
    const leg = (amount: string): LedgerEntry => ({
      id: randomUUID(),
      tenantId: s.tenantId,
      profileId: 'late-leg',
      transactionId,
      account: 'cash',
      amount,
      currency: 'USD',
      fillId: null,
      reversesTransactionId: null,
      memo: 'late leg',
      postedAt: at(0),
    });
    await store.journal.commit(
      emptyBatch(s.tenantId, { ledgerEntries: [leg('10'), { ...leg('-10'), account: 'capital' }] }),
    );
    const err = await errorOf(
      store.journal.commit(emptyBatch(s.tenantId, { ledgerEntries: [leg('1')] })),
    );
    expect(err.code).toBe('UNPROCESSABLE');
  });
});
