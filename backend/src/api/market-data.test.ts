import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CandleImportReport, CandleSeries, ImportProgress } from '@bytelyst/trading-contracts';
import {
  call,
  mintToken,
  runBacktest,
  simulatedCsv,
  startTestApi,
  type TestApi,
  uploadCsv,
} from '../../test-support/index.js';

const T0 = Date.UTC(2026, 1, 2);
const M = 60_000;
const at = (i: number) => new Date(T0 + i * M).toISOString();

let b: TestApi;
let alice: string;
let bob: string;
let globexAdmin: string;
const strategy = { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20 } };

beforeAll(async () => {
  b = await startTestApi({ speed: 10, env: { BACKTEST_CUSTOMER_ENABLED: 'true' } });
  alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
  bob = await mintToken({ sub: 'u-bob', tenant: 'globex' });
  globexAdmin = await mintToken({ sub: 'u-globex-admin', tenant: 'globex', role: 'tenant_admin' });
});
afterAll(async () => b?.stop());

const series = async (token: string) => {
  const r = await call(b, { path: '/api/market-data/series', token });
  expect(r.status).toBe(200);
  return (r.body.items as unknown[]).map((s) => CandleSeries.parse(s));
};

describe('market data store', () => {
  it('imports a CSV: header found, duplicates and gaps reported, zone-less times as UTC', async () => {
    // 3,000 minutes; line 11 repeats line 10, minutes 101-105 are missing.
    const csv = simulatedCsv({ start: T0, count: 3000 }, (lines) => {
      lines.splice(102, 5);
      lines.splice(11, 0, lines[10] ?? '');
    });
    const r = await uploadCsv(b.app, {
      token: alice,
      csv,
      query: { symbol: 'BTC-USD', timeframe: '1m', importId: 'imp-first' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const report = CandleImportReport.parse(r.body);
    expect(report).toMatchObject({
      id: 'imp-first',
      status: 'stored',
      venue: 'csv',
      header: true,
      timeForm: 'iso_no_zone',
      candles: 2995,
      stored: 2995,
      alreadyStored: 0,
      errorCount: 0,
      duplicateCount: 1,
      duplicates: [{ line: 12 }],
      gapCount: 1,
      missing: 5,
      gaps: [{ after: at(100), before: at(106), missing: 5 }],
      from: at(0),
      to: at(2999),
    });
    expect(report.timeZone).toMatch(/without a zone: read as UTC/);
    expect(report.series).toMatchObject({ count: 2995, expected: 3000, gapCount: 1, missing: 5 });
    expect(await series(alice)).toEqual([report.series]);
    // The progress board has the finished import for its owner only.
    const p = await call(b, { path: '/api/market-data/imports/imp-first', token: alice });
    expect(ImportProgress.parse(p.body)).toMatchObject({ phase: 'done', candles: 2995 });
    expect(p.body.report.id).toBe('imp-first');
    expect((await call(b, { path: '/api/market-data/imports/imp-first', token: bob })).status).toBe(
      404,
    );
  });

  it('refuses a file with bad rows, naming their lines, and stores nothing of it', async () => {
    const before = await series(alice);
    const csv = simulatedCsv({ start: T0 + 5000 * M, count: 400 }, (lines) => {
      lines[4] = lines[4]!.replace(/,[^,]+$/, ',-1'); // negative volume
      lines[250] = '2026-02-05T10:00:00 PM,1,1,1,1,1'; // not ISO 8601
    });
    const r = await uploadCsv(b.app, {
      token: alice,
      csv,
      query: { symbol: 'BTC-USD', timeframe: '1m' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'refused', stored: 0, errorCount: 2 });
    expect(r.body.errors).toEqual([
      { line: 5, message: 'prices must be numbers above 0 and volume a number of at least 0' },
      { line: 251, message: 'timestamp is not epoch seconds, epoch milliseconds or ISO 8601' },
    ]);
    expect(await series(alice)).toEqual(before);
    // A file that is not CSV at all is refused too, by line.
    const junk = await uploadCsv(b.app, {
      token: alice,
      csv: 'hello world\n',
      query: { symbol: 'BTC-USD', timeframe: '1m' },
    });
    expect(junk.body).toMatchObject({ status: 'refused', errors: [{ line: 1 }] });
    const json = await call(b, {
      path: '/api/market-data/csv?symbol=BTC-USD&timeframe=1m',
      token: alice,
      body: { not: 'a file' },
    });
    expect(json.status).toBe(400);
  });

  it('backtests from the stored series over a date range', async () => {
    const job = await runBacktest(b, {
      token: alice,
      body: {
        strategy,
        symbol: 'BTC-USD',
        source: { kind: 'stored', venue: 'csv' },
        settings: { from: at(0), to: at(2000) },
      },
    });
    expect(job.status, job.error).toBe('done');
    // Minutes 0..1999 less the five missing.
    expect(job.summary.candles).toBe(1995);
    expect(job.request.source).toEqual({ kind: 'stored', venue: 'csv' });
    expect(job.summary.trades).toBeGreaterThan(0);
  });

  it("keeps a tenant's candles from every other tenant", async () => {
    expect(await series(bob)).toEqual([]);
    const r = await call(b, {
      path: '/api/backtests',
      token: bob,
      body: { strategy, symbol: 'BTC-USD', source: { kind: 'stored', venue: 'csv' } },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/No stored candles/);
    const del = await call(b, {
      method: 'DELETE',
      path: '/api/market-data/series?symbol=BTC-USD&venue=csv&timeframe=1m',
      token: globexAdmin,
    });
    expect(del.body).toEqual({ deleted: 0 });
    expect((await series(alice)).map((s) => s.count)).toEqual([2995]);
    // The same series name in globex is globex's own.
    const own = await uploadCsv(b.app, {
      token: bob,
      csv: simulatedCsv({ start: T0, count: 50 }),
      query: { symbol: 'BTC-USD', timeframe: '1m' },
    });
    expect(own.body).toMatchObject({ status: 'stored', stored: 50, alreadyStored: 0 });
    expect((await series(alice)).map((s) => s.count)).toEqual([2995]);
  });
});
