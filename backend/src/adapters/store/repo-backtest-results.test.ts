import type { BacktestJob, BacktestTrade, Trade } from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStores, type TestStore, uniqueId } from '../../../test-support/db.js';
import { tenantScope, type Store } from '../../ports/store.js';
import { decodeFloat64, encodeFloat64, SqlBacktestResultStore } from './repo-backtest-results.js';
import type { SqlStore } from './sql-store.js';

const T0 = Date.UTC(2026, 0, 1);

/** `n` trades with decimals that a float would not keep exactly. */
const trades = (n: number): Trade[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `tr-${i}`,
    tenantId: 'backtest',
    profileId: 'backtest-profile',
    symbol: 'BTC-USD',
    side: 'LONG',
    quantity: '0.123456789012345678',
    entryPrice: `${100 + i}.1`,
    exitPrice: `${101 + i}.25`,
    realizedPnl: `${i % 3 === 0 ? '-' : ''}1.000000000000000001`,
    fees: '0.00000001',
    netPnl: `${i % 3 === 0 ? '-' : ''}0.999999990000000001`,
    openedAt: new Date(T0 + i * 120_000).toISOString(),
    closedAt: new Date(T0 + i * 120_000 + 60_000).toISOString(),
    entryDecisionId: null,
    exitDecisionId: null,
    exitReason: i % 5 === 0 ? 'stop, "loss"' : 'signal',
    strategy: 'sma-cross',
  }));

describe('float64 bytea codec', () => {
  it('round-trips every double, little-endian, from any buffer offset', () => {
    const v = Float64Array.from([0, -0, 1.5, Math.PI, -1e300, Number.MIN_VALUE, 1767225600000]);
    const bytes = encodeFloat64(v);
    expect(bytes[8 * 2 + 7]).toBe(0x3f); // 1.5 = 0x3FF8000000000000, high byte last
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect([...decodeFloat64(shifted.subarray(3))]).toEqual([...v]);
  });
});

describe.each(testStores())('backtest results on %s', (driver) => {
  let t: TestStore;
  let store: Store;
  let results: SqlBacktestResultStore;
  beforeAll(async () => {
    t = await createTestStore(driver);
    store = t.store;
    results = new SqlBacktestResultStore((store as SqlStore).sql);
  });
  afterAll(() => t.cleanup());

  /** A finished job row of a fresh tenant (the results hang off it). */
  const newJob = async (): Promise<{ tenantId: string; id: string }> => {
    const tenantId = uniqueId('t');
    await store.ensureTenant({ id: tenantId, name: tenantId });
    const job = {
      id: uniqueId('bt'),
      tenantId,
      userId: 'u-1',
      request: {},
      createdAt: new Date(T0).toISOString(),
    } as unknown as BacktestJob;
    await store.insertBacktest(tenantScope(tenantId), {
      job,
      instanceId: 'i-1',
      maxActive: 2,
      keep: 20,
    });
    return { tenantId, id: job.id };
  };

  it('stores trades exactly, pages them in seq order, and a batch written twice changes nothing', async () => {
    const { tenantId, id } = await newJob();
    const scope = tenantScope(tenantId);
    const all = trades(2500);
    for (let from = 0; from < all.length; from += 1000)
      await results.appendBacktestTrades(scope, {
        jobId: id,
        from,
        trades: all.slice(from, from + 1000),
      });
    // The second batch again (a retried write), then the last one again.
    await results.appendBacktestTrades(scope, {
      jobId: id,
      from: 1000,
      trades: all.slice(1000, 2000),
    });
    await results.appendBacktestTrades(scope, { jobId: id, from: 2000, trades: all.slice(2000) });
    const read = [];
    for (let after: number | null = null; ;) {
      const page: BacktestTrade[] = await results.listBacktestTrades(scope, {
        jobId: id,
        after,
        limit: 333,
      });
      read.push(...page);
      if (page.length < 333) break;
      after = page.at(-1)?.seq ?? null;
    }
    expect(read.map((r) => r.seq)).toEqual(all.map((_, i) => i));
    expect(read[7]).toEqual({
      seq: 7,
      id: 'tr-7',
      symbol: 'BTC-USD',
      side: 'LONG',
      quantity: '0.123456789012345678',
      entryPrice: '107.1',
      exitPrice: '108.25',
      realizedPnl: '1.000000000000000001',
      fees: '0.00000001',
      netPnl: '0.999999990000000001',
      openedAt: all[7]?.openedAt,
      closedAt: all[7]?.closedAt,
      exitReason: 'signal',
    });
    // NUMERIC sums exactly in SQL: 2500 trades, 834 of them losing.
    const { rows } = await (store as SqlStore).sql.query(
      `SELECT sum(net_pnl)::text AS s, count(*) AS n FROM backtest_trades
       WHERE tenant_id = $1 AND job_id = $2`,
      [tenantId, id],
    );
    // 832 net winners of 0.999999990000000001 each.
    expect(rows[0]?.s).toBe('831.999991680000000832');
    expect(Number(rows[0]?.n)).toBe(2500);
  });

  it('keeps the curve bit for bit and counts the run only once it is written', async () => {
    const { tenantId, id } = await newJob();
    const scope = tenantScope(tenantId);
    expect(await results.backtestResultCounts(scope, { jobId: id })).toBeNull();
    expect(await results.getBacktestCurve(scope, { jobId: id })).toBeNull();
    const n = 100_000;
    const curve = {
      times: Float64Array.from({ length: n }, (_, i) => T0 + i * 60_000),
      equity: Float64Array.from({ length: n }, (_, i) => 10_000 + Math.sin(i / 97) * 1234.5678),
    };
    await results.putBacktestCurve(scope, { jobId: id, curve, tradeCount: 42 });
    await results.putBacktestCurve(scope, { jobId: id, curve, tradeCount: 42 });
    expect(await results.backtestResultCounts(scope, { jobId: id })).toEqual({
      trades: 42,
      points: n,
    });
    const back = await results.getBacktestCurve(scope, { jobId: id });
    // Bit for bit (a deep equal of 100k numbers would dominate the test's time).
    const bits = (a: Float64Array | undefined) => Buffer.from(a?.buffer ?? new ArrayBuffer(0));
    expect(bits(back?.times).equals(bits(curve.times))).toBe(true);
    expect(bits(back?.equity).equals(bits(curve.equity))).toBe(true);
  });

  it("never answers another tenant's job, and results go with their job", async () => {
    const { tenantId, id } = await newJob();
    const scope = tenantScope(tenantId);
    await results.appendBacktestTrades(scope, { jobId: id, from: 0, trades: trades(3) });
    const curve = { times: Float64Array.of(T0), equity: Float64Array.of(1) };
    await results.putBacktestCurve(scope, { jobId: id, curve, tradeCount: 3 });
    const other = tenantScope(uniqueId('t'));
    expect(await results.listBacktestTrades(other, { jobId: id, after: null, limit: 10 })).toEqual(
      [],
    );
    expect(await results.backtestResultCounts(other, { jobId: id })).toBeNull();
    expect(await results.getBacktestCurve(other, { jobId: id })).toBeNull();
    // Trades of a job that does not exist in the tenant are refused (foreign key), not orphaned.
    await expect(
      results.appendBacktestTrades(other, { jobId: id, from: 0, trades: trades(1) }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await (store as SqlStore).sql.query('DELETE FROM backtest_jobs WHERE tenant_id = $1', [
      tenantId,
    ]);
    expect(await results.listBacktestTrades(scope, { jobId: id, after: null, limit: 10 })).toEqual(
      [],
    );
    expect(await results.backtestResultCounts(scope, { jobId: id })).toBeNull();
  });
});
