import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFixed } from '../domain/money/fixed.js';
import { InMemoryJournal } from './in-memory-journal.js';
import { comparePositions } from './reconcile-plan.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { createHarness } from '../../test-support/engine/harness.js';

const quiet = {
  strategy: 'donchian-breakout' as const,
  params: { entryPeriod: 500, exitPeriod: 500 },
};
const profile = makeProfile({ id: 'p1', tenantId: 't1', strategy: quiet });
const body = {
  profileId: 'p1',
  symbol: 'BTC-USD',
  side: 'BUY' as const,
  type: 'MARKET' as const,
  quantity: '0.01',
  reduceOnly: false,
};

/** Runs a first engine, leaves an order in doubt, and hands the books to a second engine. */
async function crashWithUnknownOrder(fault: 'timeout-after-landed' | 'timeout-before-landed') {
  const journal = new InMemoryJournal();
  const first = createHarness({ seed: 5, journal });
  await first.startTenant('t1', [profile]);
  await first.run(3 * 60_000);
  first.exchange.injectFault(fault);
  first.exchange.injectFault('query-failure'); // the settle query fails too: the order stays in doubt
  const r = await first.engine.submitManualOrder({
    tenantId: 't1',
    userId: 'u1',
    requestId: 'r1',
    body,
  });
  if (r.kind !== 'placed') throw new Error('expected an order');
  expect(journal.tables('t1').orders.get(r.order.id)?.outcomeUnknown).toBe(true);
  await first.engine.stop();
  const second = createHarness({
    seed: 5,
    journal,
    exchange: first.exchange,
    clock: first.clock,
    instanceId: 'second',
  });
  return { journal, second, orderId: r.order.id };
}

describe('startup reconciliation', () => {
  it('applies fills the books missed while an order was in doubt', async () => {
    const { journal, second, orderId } = await crashWithUnknownOrder('timeout-after-landed');
    const report = await second.engine.startTenant('t1', { epoch: 2 });
    expect(report).toMatchObject({ ok: true, fillsApplied: 1, neverArrived: [], mismatches: [] });
    const t = journal.tables('t1');
    expect(t.orders.get(orderId)).toMatchObject({ status: 'FILLED', outcomeUnknown: false });
    expect(parseFixed(t.positions.get('p1|BTC-USD')?.quantity ?? '0')).toBe(
      second.exchange.account('t1').positions.get('BTC-USD'),
    );
    expect(t.audit.map((a) => a.action)).toContain('reconciliation.run');
  });

  it('marks an order that never reached the venue, without resending it', async () => {
    const { journal, second, orderId } = await crashWithUnknownOrder('timeout-before-landed');
    const report = await second.engine.startTenant('t1', { epoch: 2 });
    expect(report.neverArrived).toEqual([orderId]);
    expect(journal.tables('t1').orders.get(orderId)).toMatchObject({
      status: 'REJECTED',
      rejectReason: 'NEVER_ARRIVED',
    });
    expect(second.exchange.account('t1').orders.size).toBe(0);
  });

  it('never reads a failed venue query as "flat": the tenant stays blocked until a retry succeeds', async () => {
    const h = createHarness({ seed: 5, config: { reconcileRetryMs: 10_000 } });
    h.exchange.injectFault('query-failure');
    const report = await h.startTenant('t1', [profile]);
    expect(report.ok).toBe(false);
    expect(h.engine.health()).toMatchObject({ reconciled: false, unreconciledTenants: ['t1'] });
    expect(h.engine.botState('t1').status).toBe('reconciling');
    const v = h.engine.verdictFor('t1', 'p1');
    expect(v.canEnter || v.canReduce).toBe(false);
    expect(v.reasons).toContain('PROFILE_BLOCKED_RECONCILIATION');
    await h.run(30_000);
    expect(h.engine.health().reconciled).toBe(true);
    expect(h.engine.verdictFor('t1', 'p1').reasons).not.toContain('PROFILE_BLOCKED_RECONCILIATION');
  });

  it('flags venue orders it did not create as external', async () => {
    const h = createHarness({ seed: 5 });
    await h.run(60_000);
    const last = Number(h.exchange.lastPrice('BTC-USD') ?? 0n) / 1e18;
    await h.exchange.client('t1').submitOrder({
      clientOrderId: 'someone-else-1',
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '0.01',
      limitPrice: String(Math.floor(last / 2)),
      stopPrice: null,
      reduceOnly: false,
    });
    const report = await h.startTenant('t1', [profile]);
    expect(report.ok).toBe(true);
    expect(report.externalOrders).toEqual(['someone-else-1']);
    expect((h.journal as InMemoryJournal).tables('t1').alerts.map((a) => a.code)).toContain(
      'EXTERNAL_ORDER',
    );
  });

  it('blocks a profile whose position disagrees with the venue and alerts instead of correcting', async () => {
    const h = createHarness({ seed: 5 });
    await h.run(60_000);
    await h.exchange.client('t1').submitOrder({
      clientOrderId: 'manual-at-venue',
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.02',
      limitPrice: null,
      stopPrice: null,
      reduceOnly: false,
    });
    const report = await h.startTenant('t1', [profile]);
    expect(report.ok).toBe(true);
    expect(report.mismatches).toEqual(['BTC-USD: books 0, venue 0.02 (difference 0.02)']);
    const t = (h.journal as InMemoryJournal).tables('t1');
    expect(t.alerts.map((a) => a.code)).toContain('POSITION_MISMATCH');
    expect(t.audit.map((a) => a.action)).toContain('profile.blocked');
    expect(parseFixed(t.positions.get('p1|BTC-USD')?.quantity ?? '0')).toBe(0n);
    const v = h.engine.verdictFor('t1', 'p1');
    expect(v).toMatchObject({ canEnter: false, canReduce: false });
    const r = await h.engine.submitManualOrder({
      tenantId: 't1',
      userId: 'u1',
      requestId: 'r9',
      body,
    });
    expect(r.kind).toBe('denied');
  });

  it('compares every symbol exactly once and respects the tolerance (property)', () => {
    const pos = fc.dictionary(
      fc.constantFrom('A-USD', 'B-USD', 'C-USD', 'D-USD'),
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
    );
    fc.assert(
      fc.property(pos, pos, fc.bigInt({ min: 0n, max: 10n ** 18n }), (local, venue, tolerance) => {
        const l = new Map(Object.entries(local));
        const v = new Map(Object.entries(venue));
        const m = comparePositions({ local: l, venue: v, tolerance });
        const symbols = new Set([...l.keys(), ...v.keys()]);
        for (const s of symbols) {
          const diff = (v.get(s) ?? 0n) - (l.get(s) ?? 0n);
          const flagged = m.filter((x) => x.symbol === s);
          expect(flagged.length).toBe((diff < 0n ? -diff : diff) > tolerance ? 1 : 0);
        }
        expect(m.map((x) => x.symbol)).toEqual([...m.map((x) => x.symbol)].sort());
      }),
    );
  });
});
