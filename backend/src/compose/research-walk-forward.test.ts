/**
 * Walk-forward never lets the optimiser see out-of-sample candles. The data alternates every
 * 200 one-minute candles between a choppy sawtooth (where a fast crossover only pays fees) and a
 * steady climb (where it rides the trend); a slow crossover never warms up in 200 candles and
 * never trades. Each out-of-sample window is the other regime than its in-sample window, so the
 * past is always the wrong guide: only an optimiser that looked at the out-of-sample candles
 * could profit. The test runs the real search service (queue, store, the backtest code on the
 * trial's date range) and requires the stitched out-of-sample result not to profit, while
 * picking the params on the out-of-sample windows themselves would have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import {
  BacktestRequest,
  SearchRequest,
  type BacktestRequest as Req,
} from '@bytelyst/trading-contracts';
import { InProcessJobQueue } from '../adapters/queue/in-process-queue.js';
import { SqlSearchStore } from '../adapters/store/repo-searches.js';
import type { SqlStore } from '../adapters/store/index.js';
import type { BarColumns } from '../ports/market-data.js';
import { createTestStore, type TestStore } from '../../test-support/db.js';
import { SearchService } from '../services/research/search-service.js';
import { InlineTrialRunner } from './inline-trial-runner.js';

const MIN = 60_000;
const START = Date.UTC(2024, 0, 1);
const REGIME = 200;
const N = REGIME * 6;

/** Sawtooth on even 200-candle blocks, a short dip then a 0.3 %-per-candle climb on odd ones. */
function alternatingSeries(): BarColumns {
  const time = new Float64Array(N);
  const open = new Float64Array(N);
  const high = new Float64Array(N);
  const low = new Float64Array(N);
  const close = new Float64Array(N);
  const volume = new Float64Array(N).fill(1);
  let level = 50_000;
  let prev = level;
  for (let i = 0; i < N; i++) {
    const block = Math.floor(i / REGIME);
    let c: number;
    if (block % 2 === 0) {
      const phase = i % 4;
      c = level * (1 + [0, 0.004, 0, -0.004][phase]!);
    } else {
      // A short dip first, so the fast crossover sees a cross up when the climb starts.
      level *= i % REGIME < 4 ? 0.997 : 1.003;
      c = level;
    }
    time[i] = START + i * MIN;
    open[i] = prev;
    close[i] = c;
    high[i] = Math.max(prev, c);
    low[i] = Math.min(prev, c);
    prev = c;
  }
  return { symbol: 'BTC-USD', timeframe: '1m', time, open, high, low, close, volume };
}

const series = alternatingSeries();
const base: Req = BacktestRequest.parse({
  strategy: { strategy: 'sma-cross', params: { fastPeriod: 2, slowPeriod: 3 } },
  symbol: 'BTC-USD',
  timeframe: '1m',
  candles: N,
  settings: { fillRule: 'close' },
});

describe('walk-forward on alternating regimes', () => {
  let t: TestStore;
  let service: SearchService;
  let queue: InProcessJobQueue;
  const seen: Req[] = [];

  beforeAll(async () => {
    t = await createTestStore('pglite');
    await t.store.ensureTenant({ id: 'acme', name: 'Acme' });
    const logger = pino({ level: 'silent' });
    queue = new InProcessJobQueue({ logger });
    service = new SearchService({
      store: new SqlSearchStore((t.store as SqlStore).sql),
      queue,
      runner: new InlineTrialRunner((req) => (seen.push(req), series)),
      instanceId: 'solo',
      logger,
      dataRange: () => ({ from: START, to: START + N * MIN }),
      concurrency: 2,
    });
    await service.start();
  });
  afterAll(async () => {
    await service.close();
    await queue.close();
    await t.cleanup();
  });

  it('does not profit out of sample, where peeking would have', async () => {
    const owner = { tenantId: 'acme', userId: 'u-alice' };
    const request = SearchRequest.parse({
      base,
      space: { slowPeriod: { values: [3, 1000] } },
      objective: 'totalReturnPct',
      walkForward: { mode: 'rolling', inSampleCandles: REGIME, outOfSampleCandles: REGIME },
    });
    const job = await service.submit(owner, request);
    expect(job.totalTrials).toBe(5 * 3);
    let done = job;
    for (let i = 0; i < 200 && done.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      done = await service.get(owner, job.id);
    }
    expect(done.status).toBe('done');
    expect(done.windows).toHaveLength(5);

    // Every trial replayed exactly one window part: no range spans in- and out-of-sample.
    const parts = done.windows.flatMap((w) => [w.inSample, w.outOfSample]);
    for (const r of seen)
      expect(parts.some((p) => p.from === r.settings.from && p.to === r.settings.to)).toBe(true);
    for (const w of done.windows) {
      expect(Date.parse(w.inSample.to)).toBeLessThanOrEqual(Date.parse(w.outOfSample.from));
      const slows = seen
        .filter((r) => r.settings.from === w.inSample.from && r.settings.to === w.inSample.to)
        .map((r) => (r.strategy.params as { slowPeriod: number }).slowPeriod);
      expect(new Set(slows)).toEqual(new Set([3, 1000]));
    }
    // The past always points the wrong way: the choice flips, and nothing is earned.
    expect(done.windows.map((w) => w.bestParams)).toEqual([
      { slowPeriod: 1000 },
      { slowPeriod: 3 },
      { slowPeriod: 1000 },
      { slowPeriod: 3 },
      { slowPeriod: 1000 },
    ]);
    for (const w of done.windows) expect(w.outOfSampleReturnPct).toBeLessThanOrEqual(0);
    expect(done.stitched?.returnPct).toBeLessThan(0);
    expect(done.stitched?.windows).toBe(5);

    // The same grid judged on the out-of-sample windows themselves (peeking) earns money.
    const runner = new InlineTrialRunner(() => series);
    let peeked = 1;
    for (const w of done.windows) {
      let best = -Infinity;
      for (const slowPeriod of [3, 1000]) {
        const out = await runner.run({
          ...base,
          strategy: { strategy: 'sma-cross', params: { fastPeriod: 2, slowPeriod, kind: 'sma' } },
          settings: { ...base.settings, from: w.outOfSample.from, to: w.outOfSample.to },
        });
        best = Math.max(best, out.summary.statistics?.totalReturnPct ?? -Infinity);
      }
      peeked *= 1 + best / 100;
    }
    expect((peeked - 1) * 100).toBeGreaterThan(3);
  });
});
