import { afterAll, describe, expect, it } from 'vitest';
import {
  createTestSchema,
  mintToken,
  runBacktest,
  simulatedCsv,
  startTestApi,
  testStores,
  uploadCsv,
} from '../../test-support/index.js';

const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

/**
 * One file with zone-less times across New York's 2026 spring-forward (07:00 UTC on 8 March),
 * imported and backtested with the server process in three zones: the stored series, the import
 * report and the backtest must not depend on the zone (zone-less = UTC, docs/BACKTESTING.md).
 */
const csv = simulatedCsv({ start: Date.UTC(2026, 2, 8, 0), count: 16 * 60 });
const ZONES = [
  ['UTC', 0],
  ['America/New_York', 300],
  ['Asia/Kolkata', -330],
] as const;

describe.each(testStores())('CSV import and backtest time zones on %s', (driver) => {
  it('gives the same series, report and backtest under UTC, New York and Kolkata', async () => {
    const schema = driver === 'postgres' ? await createTestSchema() : null;
    const b = await startTestApi({
      speed: 10,
      env: { BACKTEST_CUSTOMER_ENABLED: 'true' },
      ...(schema ? { databaseUrl: schema.url, schema: schema.schema } : {}),
    });
    try {
      const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
      const runs = [];
      for (const [i, [zone, offset]] of ZONES.entries()) {
        process.env.TZ = zone; // Node re-reads the zone when TZ is assigned
        // The zone really changed for the process (else the test would prove nothing).
        expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).toBe(offset);
        const venue = `tz${i}`;
        const r = await uploadCsv(b.app, {
          token: alice,
          csv,
          query: { symbol: 'BTC-USD', venue, timeframe: '1m' },
        });
        expect(r.body.status).toBe('stored');
        const job = await runBacktest(b, {
          token: alice,
          body: {
            strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20 } },
            symbol: 'BTC-USD',
            source: { kind: 'stored', venue },
            settings: { from: '2026-03-08T05:00:00.000Z', to: '2026-03-08T12:00:00.000Z' },
          },
        });
        expect(job.status, job.error).toBe('done');
        const { id: _id, elapsedMs: _e, venue: _v, series, ...report } = r.body;
        const { elapsedMs: _x, candlesPerSecond: _y, ...summary } = job.summary;
        runs.push({
          report,
          series: { ...series, venue: null, updatedAt: null },
          summary,
          trades: job.trades,
          equityCurve: job.equityCurve,
        });
      }
      expect(runs[0]?.report.from).toBe('2026-03-08T00:00:00.000Z');
      expect(runs[0]?.summary.candles).toBe(7 * 60);
      expect(runs[0]?.trades.length).toBeGreaterThan(0);
      expect(runs[1]).toEqual(runs[0]);
      expect(runs[2]).toEqual(runs[0]);
    } finally {
      await b.stop();
      await schema?.drop();
    }
  }, 120_000);
});
