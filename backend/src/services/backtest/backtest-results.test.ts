import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BacktestRequest, type BacktestTrade } from '@bytelyst/trading-contracts';
import { createTestStore, testStores, uniqueId, type TestStore } from '../../../test-support/db.js';
import { runBacktest, simulatedSeries } from '../../compose/backtest-run.js';
import { tenantScope } from '../../ports/store.js';
import { SqlBacktestResultStore } from '../../adapters/store/repo-backtest-results.js';
import type { SqlStore } from '../../adapters/store/sql-store.js';
import { BacktestService } from './backtest-service.js';
import { TRADES_CSV_HEADER } from './trades-csv.js';

/** About 300 round trips: well past the 200 a job row keeps. */
const request = BacktestRequest.parse({
  strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20 } },
  symbol: 'BTC-USD',
  candles: 20_000,
});

const csvOf = async (chunks: AsyncIterable<string>): Promise<string> => {
  let text = '';
  for await (const c of chunks) text += c;
  return text;
};

describe.each(testStores())('full backtest results on %s', (driver) => {
  let t: TestStore;
  let s: BacktestService;
  let results: SqlBacktestResultStore;
  const owner = { tenantId: '', userId: 'u-alice' };
  let jobId = '';
  beforeAll(async () => {
    t = await createTestStore(driver);
    owner.tenantId = uniqueId('bt');
    await t.store.ensureTenant({ id: owner.tenantId, name: owner.tenantId });
    results = new SqlBacktestResultStore((t.store as SqlStore).sql);
    s = new BacktestService({
      logger: pino({ level: 'silent' }),
      store: t.store,
      results,
      instanceId: uniqueId('instance'),
    });
    await s.start();
    jobId = (await s.submit(owner, request)).id;
    await s.idle();
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await t?.cleanup();
  });

  it('pages every trade of the run exactly once, in order, equal to what the run produced', async () => {
    const direct = await runBacktest(request, simulatedSeries(request));
    expect(direct.full.trades.length).toBeGreaterThan(250);
    const job = await s.get(owner, jobId);
    expect(job.status).toBe('done');
    expect(job.trades).toHaveLength(200);
    const seen: BacktestTrade[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await s.results.page(owner, jobId, { limit: 37, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(direct.full.trades.length);
      expect(page.complete).toBe(true);
      expect(page.items.length).toBeLessThanOrEqual(37);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(direct.full.trades.length / 37));
    // No gap, no duplicate: seq runs 0..n-1, and each row is the run's trade of that place.
    expect(seen.map((x) => x.seq)).toEqual(direct.full.trades.map((_, i) => i));
    expect(
      seen.map((x) => [x.id, x.quantity, x.entryPrice, x.exitPrice, x.netPnl, x.closedAt]),
    ).toEqual(
      direct.full.trades.map((x) => [
        x.id,
        x.quantity,
        x.entryPrice,
        x.exitPrice,
        x.netPnl,
        x.closedAt,
      ]),
    );
    // The job row's 200 are the list's last 200.
    expect(job.trades.map((x) => x.id)).toEqual(seen.slice(-200).map((x) => x.id));
  });

  it('exports the same rows as CSV, header first', async () => {
    const text = await csvOf(await s.results.csv(owner, jobId));
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(`${lines[0]}\r\n`).toBe(TRADES_CSV_HEADER);
    const page = await s.results.page(owner, jobId, { limit: 1000 });
    expect(lines.slice(1, -1)).toHaveLength(page.total);
    const first = page.items[0];
    expect(lines[1]).toBe(
      [
        0,
        first?.id,
        'BTC-USD',
        first?.side,
        first?.quantity,
        first?.entryPrice,
        first?.exitPrice,
        first?.realizedPnl,
        first?.fees,
        first?.netPnl,
        first?.openedAt,
        first?.closedAt,
        first?.exitReason,
      ].join(','),
    );
    expect(lines.slice(1, -1).map((l) => l.split(',')[9])).toEqual(page.items.map((x) => x.netPnl));
  });

  it('stores the curve at one point per equity change and serves it cut to the asked resolution', async () => {
    const direct = await runBacktest(request, simulatedSeries(request));
    const { times, equity } = direct.full.curve;
    const stored = await results.getBacktestCurve(tenantScope(owner.tenantId), { jobId });
    expect([...(stored?.times ?? [])]).toEqual([...times]);
    expect([...(stored?.equity ?? [])]).toEqual([...equity]);
    // One point per change: no two neighbours equal (the last close may repeat its predecessor),
    // from the first candle's close to the last one's, far fewer than the 20,000 closes.
    const candle = 60_000;
    const first = Date.UTC(2022, 0, 3) + candle;
    expect(times[0]).toBe(first);
    expect(times.at(-1)).toBe(first + (request.candles - 1) * candle);
    for (let i = 1; i < equity.length - 1; i++) expect(equity[i]).not.toBe(equity[i - 1]);
    expect(times.length).toBeLessThan(request.candles);
    expect(times.length).toBeGreaterThan(1000);
    const cut = await s.results.curve(owner, jobId, 300);
    expect(cut.stored).toBe(times.length);
    expect(cut.complete).toBe(true);
    expect(cut.points.length).toBeLessThanOrEqual(300);
    // Min and max kept: the cut curve's extremes are the full curve's.
    const values = cut.points.map((p) => p.equity);
    expect(Math.min(...values)).toBe(Math.min(...equity));
    expect(Math.max(...values)).toBe(Math.max(...equity));
    expect(cut.points.at(-1)?.equity).toBe(Number(direct.summary.endEquity));
  });

  it('posting a batch again changes nothing', async () => {
    const scope = tenantScope(owner.tenantId);
    const before = await s.results.page(owner, jobId, { limit: 1000 });
    const direct = await runBacktest(request, simulatedSeries(request));
    await results.appendBacktestTrades(scope, { jobId, from: 0, trades: direct.full.trades });
    const after = await s.results.page(owner, jobId, { limit: 1000 });
    expect(after).toEqual(before);
  });

  it("another tenant's or user's job is NOT_FOUND; a bad cursor is VALIDATION_FAILED", async () => {
    for (const stranger of [
      { tenantId: 'globex', userId: owner.userId },
      { ...owner, userId: 'u-carol' },
    ]) {
      await expect(s.results.page(stranger, jobId, { limit: 10 })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(s.results.csv(stranger, jobId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(s.results.curve(stranger, jobId, 100)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    await expect(
      s.results.page(owner, jobId, { limit: 10, cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
