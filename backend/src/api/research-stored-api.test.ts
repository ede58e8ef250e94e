import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchJob, SearchTrial } from '@bytelyst/trading-contracts';
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
const COUNT = 3_000;

/** The same times as `csv`, the prices of its rows in reverse order: another market. */
function reversedPrices(lines: string[]): void {
  const rows = lines.slice(1).map((l) => l.split(','));
  const prices = rows.map((r) => r.slice(1)).reverse();
  rows.forEach((r, i) => (lines[i + 1] = [r[0], ...(prices[i] ?? [])].join(',')));
}

let b: TestApi;
let alice: string;
let bob: string;

const searchBody = (over: Record<string, unknown> = {}) => ({
  base: {
    strategy: { strategy: 'sma-cross', params: {} },
    symbol: 'BTC-USD',
    source: { kind: 'stored', venue: 'csv' },
    settings: { from: at(100), to: at(2_600) },
  },
  space: { fastPeriod: { values: [5, 8] }, slowPeriod: { values: [20, 30] } },
  objective: 'sharpe',
  ...over,
});

async function waitDone(token: string, id: string): Promise<SearchJob> {
  for (let i = 0; i < 600; i++) {
    const r = await call(b, { path: `/api/searches/${id}`, token });
    const job = SearchJob.parse(r.body);
    if (job.status !== 'running') return job;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('search did not finish');
}

async function trialsOf(token: string, id: string): Promise<SearchTrial[]> {
  const r = await call(b, { path: `/api/searches/${id}/trials`, token });
  return (r.body.items as unknown[]).map((t) => SearchTrial.parse(t));
}

/**
 * Searches over a tenant's stored series, through the API on the embedded store, the in-process
 * queue and the real worker trial runner. Acme and Globex store the same symbol, venue and
 * timeframe with different prices, so a trial that read the other tenant's candles would show.
 */
describe('parameter search over a stored series', () => {
  beforeAll(async () => {
    b = await startTestApi();
    alice = await mintToken({ sub: 'u-alice', tenant: 'acme', role: 'operator' });
    bob = await mintToken({ sub: 'u-bob', tenant: 'globex', role: 'operator' });
    const query = { symbol: 'BTC-USD', timeframe: '1m' };
    for (const [token, csv] of [
      [alice, simulatedCsv({ start: T0, count: COUNT })],
      [bob, simulatedCsv({ start: T0, count: COUNT }, reversedPrices)],
    ] as const) {
      const r = await uploadCsv(b.app, { token, csv, query });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    // A series only Acme has.
    const only = await uploadCsv(b.app, {
      token: alice,
      csv: simulatedCsv({ start: T0, count: 500 }),
      query: { ...query, venue: 'acme_only' },
    });
    expect(only.status).toBe(200);
  });
  afterAll(() => b?.stop());

  it('gives each trial exactly the single stored backtest of its params and range', async () => {
    const r = await call(b, { path: '/api/searches', token: alice, body: searchBody() });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const done = await waitDone(alice, r.body.id);
    expect(done).toMatchObject({ status: 'done', totalTrials: 4, finishedTrials: 4 });
    const trials = await trialsOf(alice, done.id);
    expect(trials).toHaveLength(4);
    const base = searchBody().base;
    for (const trial of trials) {
      expect(trial.status).toBe('done');
      const single = await runBacktest(b, {
        token: alice,
        body: { ...base, strategy: { strategy: 'sma-cross', params: trial.params } },
      });
      expect(single.status).toBe('done');
      expect(trial.candles).toBe(2_500);
      expect(trial.candles).toBe(single.summary.candles);
      expect(trial.statistics).toEqual(single.summary.statistics);
    }
    // Globex's own search over its series of the same name replays its own prices.
    const g = await call(b, { path: '/api/searches', token: bob, body: searchBody() });
    const gDone = await waitDone(bob, g.body.id);
    const gTrials = await trialsOf(bob, gDone.id);
    const byIndex = (ts: SearchTrial[], i: number) => ts.find((t) => t.paramsIndex === i);
    expect(byIndex(gTrials, 0)?.statistics?.buyAndHoldReturnPct).not.toBe(
      byIndex(trials, 0)?.statistics?.buyAndHoldReturnPct,
    );
  });

  it('plans walk-forward windows on the series coverage', async () => {
    const r = await call(b, {
      path: '/api/searches',
      token: alice,
      body: searchBody({
        base: { ...searchBody().base, candles: 100, settings: { from: null, to: null } },
        space: { fastPeriod: { values: [5, 8] } },
        walkForward: { mode: 'rolling', inSampleCandles: 1_000, outOfSampleCandles: 500 },
      }),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const done = await waitDone(alice, r.body.id);
    expect(done.status).toBe('done');
    // 3,000 stored candles: windows at 0, 500, 1,000 and 1,500 (the last ending at 3,000).
    expect(done.windows.map((w) => [w.inSample.from, w.outOfSample.to])).toEqual([
      [at(0), at(1_500)],
      [at(500), at(2_000)],
      [at(1_000), at(2_500)],
      [at(1_500), at(3_000)],
    ]);
    expect(done.stitched?.windows).toBe(4);
    const oos = (await trialsOf(alice, done.id)).filter((t) => t.phase === 'out_of_sample');
    expect(oos.map((t) => t.candles)).toEqual([500, 500, 500, 500]);
  });

  it("refuses another tenant's series, a missing one and a range outside it", async () => {
    const foreign = await call(b, {
      path: '/api/searches',
      token: bob,
      body: searchBody({
        base: { ...searchBody().base, source: { kind: 'stored', venue: 'acme_only' } },
      }),
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('VALIDATION_FAILED');
    expect(foreign.body.error.details.issues[0].path).toBe('body.base.source');
    // The same answer as for a series nobody has: nothing says it exists elsewhere.
    const missing = await call(b, {
      path: '/api/searches',
      token: bob,
      body: searchBody({
        base: { ...searchBody().base, source: { kind: 'stored', venue: 'nobody' } },
      }),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual(foreign.body.error.details);
    const outside = await call(b, {
      path: '/api/searches',
      token: alice,
      body: searchBody({
        base: { ...searchBody().base, settings: { from: at(5_000), to: at(6_000) } },
      }),
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.issues[0].path).toBe('body.base.settings');
  });
});
