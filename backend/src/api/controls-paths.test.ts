import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductStatus } from '@bytelyst/trading-contracts';
import {
  call,
  eventually,
  mintToken,
  productStatus,
  startTestApi,
  type TestApi,
} from '../../test-support/index.js';

let b: TestApi;
let alice: string;
let admin: string;
let version = 10;

beforeAll(async () => {
  b = await startTestApi({ speed: 10 });
  alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
  admin = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
  await eventually(async () => {
    const r = await call(b, { path: '/api/bot-state', token: alice });
    expect(r.body.status).toBe('running');
  });
}, 120_000);
afterAll(async () => {
  await b?.stop();
});

// Each case has its own profile, so the first case's closing loss (and its cooldown) cannot
// refuse the second case's setup.
let PROFILE = '';
let SYMBOL = '';
const trade = (token: string, body: Record<string, unknown>) =>
  call(b, {
    method: 'POST',
    path: '/api/trade',
    token,
    body: { profileId: PROFILE, symbol: SYMBOL, ...body },
    headers: { 'idempotency-key': randomUUID() },
  });
const position = async (): Promise<number> => {
  const r = await call(b, { path: `/api/positions?profileId=${PROFILE}`, token: alice });
  return Number(
    (r.body.items as { symbol: string; quantity: string }[]).find((p) => p.symbol === SYMBOL)
      ?.quantity ?? '0',
  );
};
const lastPrice = async (): Promise<number> => {
  const r = await call(b, { path: '/api/prices', token: alice });
  return Number(
    (r.body.prices as { symbol: string; price: string }[]).find((p) => p.symbol === SYMBOL)?.price,
  );
};

/**
 * The controls table across every path: under maintenance and under the product kill switch
 * nothing opens new exposure (the strategy loop, a user's manual order, an admin's), while a
 * user can still close, send a reduce-only order, cancel an open order and disable a profile.
 */
describe.each([
  [
    'maintenance',
    { maintenance: { active: true, message: 'Planned upgrade', expectedEndAt: null } },
    'MAINTENANCE',
    'p-alice-btc-trend',
    'BTC-USD',
  ],
  ['the kill switch', { enabled: false }, 'PRODUCT_DISABLED', 'p-alice-eth-rsi', 'ETH-USD'],
] as const)('under %s', (_name, change, reason, profileId, symbol) => {
  it('entries are refused on every path; close, reduce-only, cancel and disable succeed', async () => {
    PROFILE = profileId;
    SYMBOL = symbol;
    // Set up while running: a position of at least 0.02 and a resting limit order.
    b.status.set(productStatus({ version: ++version }));
    await eventually(async () => {
      const r = await call(b, {
        method: 'POST',
        path: `/api/profiles/${PROFILE}/enable`,
        token: alice,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    });
    await eventually(async () => {
      if ((await position()) >= 0.02) return;
      const r = await trade(alice, { side: 'BUY', quantity: '0.02' });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    });
    const limit = Math.floor((await lastPrice()) * 0.5);
    // A strategy order may be in flight for a moment (ORDER_IN_FLIGHT): retry until placed.
    const resting = await eventually(async () => {
      const r = await trade(alice, {
        side: 'BUY',
        type: 'LIMIT',
        quantity: '0.01',
        limitPrice: String(limit),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r;
    });
    expect(resting.body.order.status).toBe('SUBMITTED');

    b.status.set(productStatus({ ...(change as Partial<ProductStatus>), version: ++version }));
    // Decision times come from the backend's (accelerated) clock.
    const since = new Date(b.clock.now()).toISOString();
    await eventually(async () => {
      const r = await call(b, { path: '/api/bot-state', token: alice });
      expect(r.body.verdict.reasons).toContain(reason);
      expect(r.body.verdict.canEnter).toBe(false);
    });

    // Honest modes: the profile itself says which layer stopped it.
    const shown = await call(b, { path: `/api/profiles/${PROFILE}`, token: alice });
    expect(shown.body.effective).toMatchObject(
      reason === 'MAINTENANCE'
        ? { state: 'PAUSED', layer: 'maintenance' }
        : { state: 'HALTED', layer: 'product' },
    );

    // Manual entries: refused for the user and for an admin.
    for (const token of [alice, admin]) {
      const r = await trade(token, { side: 'BUY', quantity: '0.005' });
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.error.code).toBe('ORDER_DENIED');
      expect(r.body.error.details.reasons).toContain(reason);
    }
    // Cancel an open order: idempotent, audited once.
    const cancel = () =>
      call(b, {
        method: 'POST',
        path: `/api/orders/${resting.body.order.id}/cancel`,
        token: alice,
      });
    const c1 = await cancel();
    expect(c1.status, JSON.stringify(c1.body)).toBe(200);
    expect(c1.body.status).toBe('CANCELLED');
    const c2 = await cancel();
    expect(c2.status).toBe(200);
    expect(c2.body.status).toBe('CANCELLED');
    const audit = await call(b, { path: '/api/admin/audit?action=order.cancel', token: admin });
    expect(
      (audit.body.items as { target: string }[]).filter(
        (a) => a.target === `order:${resting.body.order.id}`,
      ),
    ).toHaveLength(1);
    // With the resting order gone, reduce-only and close go through.
    const reduce = await trade(alice, { side: 'SELL', quantity: '0.005', reduceOnly: true });
    expect(reduce.status, JSON.stringify(reduce.body)).toBe(200);
    expect(reduce.body.order.status).toBe('FILLED');
    const close = await call(b, {
      method: 'POST',
      path: '/api/close',
      token: alice,
      body: { profileId: PROFILE, symbol: SYMBOL, reason: 'getting out' },
    });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    expect(await position()).toBe(0);
    const disable = await call(b, {
      method: 'POST',
      path: `/api/profiles/${PROFILE}/disable`,
      token: alice,
    });
    expect(disable.status, JSON.stringify(disable.body)).toBe(200);
    expect(disable.body.enabled).toBe(false);

    // The loop: no strategy entry was decided anywhere in the tenant while the state held
    // (the other demo profile keeps evaluating every candle close).
    await new Promise((r) => setTimeout(r, 8_000)); // > one 1m candle at 10x
    const decisions = await call(b, { path: `/api/decisions?limit=200`, token: admin });
    const entered = (decisions.body.items as { action: string; createdAt: string }[]).filter(
      (d) => d.action === 'ENTER' && d.createdAt > since,
    );
    expect(entered).toEqual([]);
  }, 120_000);
});
