import { describe, expect, it } from 'vitest';
import type { PaperFault } from '../adapters/exchange/paper/faults.js';
import { transactionSums } from '../domain/ledger/ledger.js';
import { parseFixed } from '../domain/money/fixed.js';
import type { InMemoryJournal } from './in-memory-journal.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { createHarness } from '../../test-support/engine/harness.js';

/** A quiet profile (its strategy never fires in these windows) so only manual orders trade. */
const quiet = {
  strategy: 'donchian-breakout' as const,
  params: { entryPeriod: 500, exitPeriod: 500 },
};

async function setup(o: { latencyMs?: number; marketFillParts?: number } = {}) {
  const h = createHarness({
    seed: 3,
    exchangeOptions: { latencyMs: o.latencyMs ?? 0, marketFillParts: o.marketFillParts ?? 1 },
  });
  const report = await h.startTenant('t1', [
    makeProfile({ id: 'p1', tenantId: 't1', strategy: quiet }),
  ]);
  expect(report.ok).toBe(true);
  await h.run(3 * 60_000);
  const journal = h.journal as InMemoryJournal;
  const buy = (requestId: string, extra: Record<string, unknown> = {}) =>
    h.engine.submitManualOrder({
      tenantId: 't1',
      userId: 'u1',
      requestId,
      body: {
        profileId: 'p1',
        symbol: 'BTC-USD',
        side: 'BUY',
        type: 'MARKET',
        quantity: '0.01',
        reduceOnly: false,
        ...extra,
      },
    });
  const venue = h.exchange.account('t1');
  const books = () => {
    const t = journal.tables('t1');
    for (const sum of transactionSums(t.ledger).values()) expect(sum).toBe(0n);
    return {
      position: parseFixed(t.positions.get('p1|BTC-USD')?.quantity ?? '0'),
      venuePosition: venue.positions.get('BTC-USD') ?? 0n,
      venueOrders: venue.orders.size,
      fills: [...t.fills.values()],
      order: (id: string) => t.orders.get(id),
      alerts: t.alerts,
    };
  };
  return { h, buy, books, inject: (f: PaperFault) => h.exchange.injectFault(f) };
}

describe('paper exchange faults and the outcome each must have', () => {
  it('timeout after the order landed: settled by client order id, filled once, never resent', async () => {
    const s = await setup();
    s.inject('timeout-after-landed');
    const r = await s.buy('req-1');
    expect(r.kind).toBe('placed');
    if (r.kind !== 'placed') return;
    const b = s.books();
    expect(b.venueOrders).toBe(1);
    expect(b.order(r.order.id)).toMatchObject({
      status: 'FILLED',
      outcomeUnknown: false,
      filledQuantity: '0.01',
    });
    expect(b.position).toBe(parseFixed('0.01'));
    expect(b.venuePosition).toBe(b.position);
  });

  it('an order in doubt the venue will not answer about: alerted once after the bound, settled when it answers', async () => {
    const s = await setup();
    s.inject('timeout-after-landed');
    // Every lookup fails for a while: the first right after the timeout, then one per probe.
    s.h.exchange.injectFault('query-failure', 20);
    const r = await s.buy('req-1');
    if (r.kind !== 'placed') throw new Error('expected an order');
    const inDoubt = () => s.books().alerts.filter((a) => a.code === 'ORDER_IN_DOUBT');
    expect(s.books().order(r.order.id)?.outcomeUnknown).toBe(true);
    await s.h.run(30_000);
    expect(inDoubt()).toHaveLength(0); // within the 60 s bound: still only asking
    await s.h.run(40_000);
    expect(s.books().order(r.order.id)?.outcomeUnknown).toBe(true);
    expect(inDoubt()).toHaveLength(1);
    expect(inDoubt()[0]).toMatchObject({ severity: 'critical', profileId: 'p1' });
    expect(inDoubt()[0]?.message).toContain(r.order.id);
    // Once the venue answers, the order is settled from it (filled once, never resent).
    await s.h.run(120_000);
    const b = s.books();
    expect(b.order(r.order.id)).toMatchObject({ status: 'FILLED', outcomeUnknown: false });
    expect(b.venueOrders).toBe(1);
    expect(b.position).toBe(parseFixed('0.01'));
    expect(inDoubt()).toHaveLength(1);
  });

  it('timeout before the order landed: marked as never arrived, nothing at the venue, nothing booked', async () => {
    const s = await setup();
    s.inject('timeout-before-landed');
    const r = await s.buy('req-1');
    if (r.kind !== 'placed') throw new Error('expected an order');
    const b = s.books();
    expect(b.venueOrders).toBe(0);
    expect(b.order(r.order.id)).toMatchObject({
      status: 'REJECTED',
      rejectReason: 'NEVER_ARRIVED',
      outcomeUnknown: false,
    });
    expect(b.position).toBe(0n);
  });

  it.each(['http-5xx', 'http-429'] as const)(
    '%s: rejected as retryable, alerted, entries paused until the venue answers again',
    async (fault) => {
      const s = await setup();
      s.inject(fault);
      const r = await s.buy('req-1');
      if (r.kind !== 'placed') throw new Error('expected an order');
      const b = s.books();
      expect(b.venueOrders).toBe(0);
      expect(b.order(r.order.id)?.status).toBe('REJECTED');
      expect(b.order(r.order.id)?.rejectReason).toMatch(/^retryable:HTTP_(503|429)$/);
      expect(b.alerts.map((a) => a.code)).toContain('ORDER_NOT_PLACED');
      expect(s.h.engine.verdictFor('t1', 'p1').reasons).toContain('EXCHANGE_UNREACHABLE');
      const denied = await s.buy('req-2');
      expect(denied.kind).toBe('denied');
      await s.h.run(60_000);
      expect(s.h.engine.verdictFor('t1', 'p1').reasons).not.toContain('EXCHANGE_UNREACHABLE');
      expect((await s.buy('req-3')).kind).toBe('placed');
      expect(s.books().position).toBe(parseFixed('0.01'));
    },
  );

  it('reject: the order ends REJECTED with the venue reason and nothing is booked', async () => {
    const s = await setup();
    s.inject('reject');
    const r = await s.buy('req-1');
    if (r.kind !== 'placed') throw new Error('expected an order');
    expect(r.order).toMatchObject({ status: 'REJECTED', rejectReason: 'REJECTED_BY_VENUE' });
    expect(s.books().position).toBe(0n);
    expect(s.books().fills).toHaveLength(0);
  });

  it('duplicate fill report: booked once', async () => {
    const s = await setup({ marketFillParts: 2 });
    s.inject('duplicate-fill');
    const r = await s.buy('req-1');
    if (r.kind !== 'placed') throw new Error('expected an order');
    const b = s.books();
    expect(b.fills).toHaveLength(2);
    expect(new Set(b.fills.map((f) => f.exchangeTradeId)).size).toBe(2);
    expect(b.position).toBe(parseFixed('0.01'));
    expect(b.venuePosition).toBe(b.position);
  });

  it('out-of-order fill reports (and fills before the ack): converge on the same books', async () => {
    const s = await setup();
    s.inject('out-of-order-fill');
    const r = await s.buy('req-1');
    if (r.kind !== 'placed') throw new Error('expected an order');
    const b = s.books();
    expect(b.fills).toHaveLength(2);
    expect(b.order(r.order.id)).toMatchObject({ status: 'FILLED', filledQuantity: '0.01' });
    expect(b.position).toBe(b.venuePosition);
  });

  it('latency: an ack that says filled fetches the fills; the late push reports change nothing', async () => {
    const s = await setup({ latencyMs: 2_000 });
    const r = await s.buy('req-1');
    if (r.kind !== 'placed') throw new Error('expected an order');
    expect(s.books().position).toBe(parseFixed('0.01'));
    await s.h.run(10_000);
    expect(s.books().position).toBe(parseFixed('0.01'));
    expect(s.books().fills).toHaveLength(1);
    expect(s.books().order(r.order.id)?.status).toBe('FILLED');
  });

  it('latency: a resting order filled later is booked when its delayed report arrives', async () => {
    const s = await setup({ latencyMs: 2_000 });
    const last = Number(s.h.exchange.lastPrice('BTC-USD') ?? 0n) / 1e18;
    const limit = Math.floor(last * 0.99);
    const r = await s.buy('req-1', { type: 'LIMIT', limitPrice: String(limit) });
    if (r.kind !== 'placed') throw new Error(JSON.stringify(r));
    expect(r.order.status).toBe('SUBMITTED');
    s.h.exchange.setPrice('BTC-USD', limit - 1);
    await s.h.engine.idle();
    expect(s.books().position).toBe(0n);
    s.h.clock.advance(2_000);
    s.h.exchange.flush();
    await s.h.engine.idle();
    expect(s.books().position).toBe(parseFixed('0.01'));
    expect(s.books().order(r.order.id)?.status).toBe('FILLED');
    expect(s.books().fills[0]).toMatchObject({ liquidity: 'maker', price: String(limit) });
  });

  it('cancel timeout: a halt cancels the resting order; the timed-out cancel is settled by asking', async () => {
    const s = await setup();
    const last = s.h.exchange.lastPrice('BTC-USD') ?? 0n;
    const limit = (last / 2n / 10n ** 16n) * 10n ** 16n;
    const r = await s.buy('req-1', { type: 'LIMIT', limitPrice: String(Number(limit) / 1e18) });
    if (r.kind !== 'placed') throw new Error(JSON.stringify(r));
    expect(r.order.status).toBe('SUBMITTED');
    s.inject('cancel-timeout');
    s.h.engine.setControls({ profiles: new Map([['p1', 'HALTED']]) });
    await s.h.engine.idle();
    expect(s.books().order(r.order.id)?.status).toBe('CANCELLED');
    expect(s.h.exchange.account('t1').working.size).toBe(0);
  });

  it('a repeated request id places no second order', async () => {
    const s = await setup();
    const a = await s.buy('req-same');
    const b = await s.buy('req-same');
    expect(a.kind === 'placed' && b.kind === 'placed' && a.order.id === b.order.id).toBe(true);
    expect(s.books().venueOrders).toBe(1);
  });
});
