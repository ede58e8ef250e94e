import { describe, expect, it } from 'vitest';
import { PaperExchange } from '../adapters/exchange/paper/paper-exchange.js';
import type { PaperAccount } from '../adapters/exchange/paper/paper-exchange.js';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../adapters/market/instruments.js';
import { transactionSums } from '../domain/ledger/ledger.js';
import { parseFixed } from '../domain/money/fixed.js';
import { TestClock } from '../ports/clock.js';
import type { SubmitOrderRequest } from '../ports/execution-client.js';
import { EXIT_MAX_ATTEMPTS, EXIT_REFUSED_ALERT, exitBackoffMs } from './exits.js';
import type { InMemoryJournal } from './in-memory-journal.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { HARNESS_START, createHarness } from '../../test-support/engine/harness.js';

/** The paper venue, with a log of every submission it received (its own record, not ours). */
class LoggedExchange extends PaperExchange {
  readonly submitted: SubmitOrderRequest[] = [];
  override submit(a: PaperAccount, req: SubmitOrderRequest) {
    this.submitted.push(req);
    return super.submit(a, req);
  }
}

const quiet = {
  strategy: 'donchian-breakout' as const,
  params: { entryPeriod: 500, exitPeriod: 500 },
};

async function twoProfiles(o: { tickMs?: number; stopLossPct?: string | null } = {}) {
  const clock = new TestClock(HARNESS_START);
  const exchange = new LoggedExchange({
    clock,
    instruments: DEFAULT_SIM_INSTRUMENTS.filter((i) => i.symbol === 'BTC-USD').map(
      toContractInstrument,
    ),
    latencyMs: 0,
    slippageBps: 2,
  });
  // Opposite positions on one account need shorts, which spot venues refuse by default.
  const h = createHarness({
    seed: 3,
    clock,
    exchange,
    tickMs: o.tickMs ?? 5000,
    config: { allowShortSelling: true },
  });
  const risk = { stopLossPct: o.stopLossPct ?? null, takeProfitPct: null };
  const report = await h.startTenant('t1', [
    makeProfile({ id: 'pa', tenantId: 't1', strategy: quiet, risk }),
    makeProfile({ id: 'pb', tenantId: 't1', strategy: quiet, risk }),
  ]);
  expect(report.ok).toBe(true);
  await h.run(3 * 60_000);
  const order = (profileId: string, side: 'BUY' | 'SELL', quantity: string, requestId: string) =>
    h.engine.submitManualOrder({
      tenantId: 't1',
      userId: 'u1',
      requestId,
      body: { profileId, symbol: 'BTC-USD', side, type: 'MARKET', quantity, reduceOnly: false },
    });
  const journal = h.journal as InMemoryJournal;
  const position = (p: string) =>
    parseFixed(journal.tables('t1').positions.get(`${p}|BTC-USD`)?.quantity ?? '0');
  const venuePosition = () => exchange.account('t1').positions.get('BTC-USD') ?? 0n;
  const ledgerBalanced = () => {
    for (const sum of transactionSums(journal.tables('t1').ledger).values()) expect(sum).toBe(0n);
  };
  return { h, exchange, journal, order, position, venuePosition, ledgerBalanced };
}

describe('exits on a venue account shared by two profiles', () => {
  it('closes each of two opposite, unequal positions on one account (no reduce-only refusal)', async () => {
    const s = await twoProfiles();
    // A long 0.01, B short 0.03: the account is net short 0.02.
    expect((await s.order('pa', 'BUY', '0.01', 'open-a')).kind).toBe('placed');
    const ob = await s.order('pb', 'SELL', '0.03', 'open-b');
    expect(ob.kind, JSON.stringify(ob)).toBe('placed');
    expect(s.position('pa')).toBe(parseFixed('0.01'));
    expect(s.position('pb')).toBe(parseFixed('-0.03'));
    expect(s.venuePosition()).toBe(parseFixed('-0.02'));

    // Closing A sells 0.01 while the account is net short: reduce-only would be refused.
    const a = await s.h.engine.closePosition({
      tenantId: 't1',
      userId: 'u1',
      profileId: 'pa',
      symbol: 'BTC-USD',
      requestId: 'close-a',
    });
    if (a.kind !== 'placed') throw new Error(`close A denied: ${a.message}`);
    expect(a.order).toMatchObject({ status: 'FILLED', reduceOnly: false, quantity: '0.01' });
    expect(s.position('pa')).toBe(0n);
    expect(s.venuePosition()).toBe(parseFixed('-0.03'));

    // B is now alone on the symbol: its close may (and does) carry reduce-only.
    const b = await s.h.engine.closePosition({
      tenantId: 't1',
      userId: 'u1',
      profileId: 'pb',
      symbol: 'BTC-USD',
      requestId: 'close-b',
    });
    if (b.kind !== 'placed') throw new Error(`close B denied: ${b.message}`);
    expect(b.order).toMatchObject({ status: 'FILLED', reduceOnly: true, quantity: '0.03' });
    expect(s.position('pb')).toBe(0n);
    expect(s.venuePosition()).toBe(0n);
    expect(s.exchange.submitted.length).toBe(4);
    s.ledgerBalanced();
  });

  it('stop-loss exits of both fill on the shared account, none refused', async () => {
    // A stop 0.01 % away on both sides: the first moves either way trigger them.
    const s = await twoProfiles({ stopLossPct: '0.0001' });
    await s.order('pa', 'BUY', '0.01', 'open-a');
    await s.order('pb', 'SELL', '0.03', 'open-b');
    for (let i = 0; i < 60 && (s.position('pa') !== 0n || s.position('pb') !== 0n); i++)
      await s.h.run(60_000);
    expect(s.position('pa')).toBe(0n);
    expect(s.position('pb')).toBe(0n);
    expect(s.venuePosition()).toBe(0n);
    const orders = [...s.journal.tables('t1').orders.values()];
    const stops = orders.filter((o) => o.origin === 'stop');
    expect(stops.map((o) => o.status).sort()).toEqual(['FILLED', 'FILLED']);
    expect(orders.filter((o) => o.status === 'REJECTED')).toEqual([]);
    s.ledgerBalanced();
  });

  it('a refused exit is retried with backoff at most the bound, then the profile is blocked with one alert', async () => {
    const s = await twoProfiles({ stopLossPct: '0.0001' });
    await s.order('pa', 'BUY', '0.01', 'open-a');
    const before = s.exchange.submitted.length;
    s.exchange.injectFault('reject', 1_000);
    await s.h.run(30 * 60_000);
    const exits = s.exchange.submitted.slice(before);
    expect(exits.length).toBe(EXIT_MAX_ATTEMPTS);
    const alerts = s.journal.tables('t1').alerts.filter((a) => a.profileId === 'pa');
    const refused = alerts.filter((a) => a.code === EXIT_REFUSED_ALERT);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.message).toContain('REJECTED');
    // The refusals were the only alerts: no per-order alert for a retried exit.
    expect(alerts.filter((a) => a.code === 'ORDER_NOT_PLACED')).toEqual([]);
    expect(s.h.engine.verdictFor('t1', 'pa').canReduce).toBe(false);
    expect(s.position('pa')).toBe(parseFixed('0.01'));
  });

  it('backoff grows exponentially with jitter in [0.5, 1] x, capped', () => {
    for (let n = 1; n <= 10; n++) {
      const full = Math.min(60_000, 1_000 * 2 ** (n - 1));
      const d = exitBackoffMs(n, `order-${n}`);
      expect(d).toBeGreaterThanOrEqual(full / 2);
      expect(d).toBeLessThanOrEqual(full);
    }
    expect(exitBackoffMs(3, 'x')).toBe(exitBackoffMs(3, 'x'));
  });
});

describe('ids from the trigger', () => {
  it('a tick stop at hh:mm:00 and the candle close that follows have distinct ids; one client order id per order', async () => {
    // Ticks only on whole minutes: every tick's time is a candle's open time.
    const s = await twoProfiles({ tickMs: 60_000, stopLossPct: '0.0001' });
    await s.order('pa', 'BUY', '0.01', 'open-a');
    // The first two exits are refused: the tick stop at hh:mm:00, then the next one, so the
    // candle opening at hh:mm:00 closes with the position still open and stops it again.
    s.exchange.injectFault('reject', 2);
    for (let i = 0; i < 120 && s.position('pa') !== 0n; i++) await s.h.run(60_000);
    expect(s.position('pa')).toBe(0n);
    const ids = s.exchange.submitted.map((r) => r.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    // The scenario happened: two stop decisions for one candle time, the tick's (at hh:mm:00,
    // skipped while the refused candle exit backs off) and the candle's that opened then.
    const stops = s.journal
      .tables('t1')
      .decisions.filter((d) => d.reasons.some((r) => r.code === 'STOP_LOSS'));
    const byTime = new Map<string, number>();
    for (const d of stops) byTime.set(d.candleTime, (byTime.get(d.candleTime) ?? 0) + 1);
    expect([...byTime.values()].some((n) => n >= 2)).toBe(true);
    expect(new Set(stops.map((d) => d.id)).size).toBe(stops.length);
    const orders = [...s.journal.tables('t1').orders.values()];
    expect(new Set(orders.map((o) => o.clientOrderId)).size).toBe(ids.length);
  });
});
