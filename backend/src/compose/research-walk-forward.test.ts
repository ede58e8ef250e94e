/**
 * Walk-forward never lets the optimiser see out-of-sample candles. The data alternates every
 * 200 one-minute candles between a choppy sawtooth (where a fast crossover only pays fees) and a
 * steady climb (where it rides the trend); a slow crossover never warms up in 200 candles and
 * never trades. Each out-of-sample window is the other regime than its in-sample window, so the
 * past is always the wrong guide: only an optimiser that looked at the out-of-sample candles
 * could profit. The test runs the real search service (queue, store, the backtest code on the
 * trial's date range) and requires the stitched out-of-sample result not to profit, while
 * picking the params on the out-of-sample windows themselves would have.
 *
 * The same holds on a tenant's stored series: there the trials read their candles from the
 * candle store through the worker trial runner, and every read is recorded, so the test also
 * sees that no in-sample trial read a candle at or after its window's end, that the windows
 * follow the series' coverage, and that every read was in the search's own tenant (another
 * tenant stores the opposite regimes under the same symbol, venue and timeframe).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import {
  BacktestRequest,
  SearchRequest,
  type BacktestRequest as Req,
} from '@bytelyst/trading-contracts';
import { InProcessJobQueue } from '../adapters/queue/in-process-queue.js';
import { SqlCandleStore } from '../adapters/store/repo-candles.js';
import { SqlSearchStore } from '../adapters/store/repo-searches.js';
import type { SqlStore } from '../adapters/store/index.js';
import type { CandleRangeReader } from '../ports/candle-store.js';
import type { BarColumns } from '../ports/market-data.js';
import { tenantScope, type TenantScope } from '../ports/store.js';
import { createTestStore, type TestStore } from '../../test-support/db.js';
import { researchDataRange } from '../services/research/data-range.js';
import { SearchService } from '../services/research/search-service.js';
import { WorkerTrialRunner } from '../services/research/trial-runner.js';
import { InlineTrialRunner } from './inline-trial-runner.js';

const MIN = 60_000;
const START = Date.UTC(2024, 0, 1);
const REGIME = 200;
const N = REGIME * 6;

/**
 * Sawtooth on even 200-candle blocks, a short dip then a 0.3 %-per-candle climb on odd ones
 * (`climbFirst` swaps them).
 */
function alternatingSeries(climbFirst = false): BarColumns {
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
    if ((block + (climbFirst ? 1 : 0)) % 2 === 0) {
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

const owner = { tenantId: 'acme', userId: 'u-alice' };
const wfRequest = (b: Req) =>
  SearchRequest.parse({
    base: b,
    space: { slowPeriod: { values: [3, 1000] } },
    objective: 'totalReturnPct',
    walkForward: { mode: 'rolling', inSampleCandles: REGIME, outOfSampleCandles: REGIME },
  });

async function untilDone(service: SearchService, id: string) {
  let done = await service.get(owner, id);
  for (let i = 0; i < 400 && done.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    done = await service.get(owner, id);
  }
  expect(done.status).toBe('done');
  return done;
}

type Done = Awaited<ReturnType<SearchService['get']>>;

/** The past always points the wrong way: the choice flips, and nothing is earned. */
function expectNoProfitOutOfSample(done: Done): void {
  expect(done.windows).toHaveLength(5);
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
}

/** Every trial replayed exactly one window part: no range spans in- and out-of-sample. */
function expectWindowParts(done: Done, ranges: { from: string | null; to: string | null }[]) {
  const parts = done.windows.flatMap((w) => [w.inSample, w.outOfSample]);
  for (const r of ranges) expect(parts.some((p) => p.from === r.from && p.to === r.to)).toBe(true);
  for (const w of done.windows)
    expect(Date.parse(w.inSample.to)).toBeLessThanOrEqual(Date.parse(w.outOfSample.from));
}

/** The same grid judged on the out-of-sample windows themselves (peeking) earns money. */
async function expectPeekingWouldProfit(done: Done, b: Req): Promise<void> {
  const runner = new InlineTrialRunner(() => series);
  let peeked = 1;
  for (const w of done.windows) {
    let best = -Infinity;
    for (const slowPeriod of [3, 1000]) {
      const out = await runner.run(
        {
          ...b,
          source: { kind: 'simulated' },
          strategy: { strategy: 'sma-cross', params: { fastPeriod: 2, slowPeriod, kind: 'sma' } },
          settings: { ...b.settings, from: w.outOfSample.from, to: w.outOfSample.to },
        },
        tenantScope(owner.tenantId),
      );
      best = Math.max(best, out.summary.statistics?.totalReturnPct ?? -Infinity);
    }
    peeked *= 1 + best / 100;
  }
  expect((peeked - 1) * 100).toBeGreaterThan(3);
}

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
      dataRange: async () => ({ from: START, to: START + N * MIN }),
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
    const job = await service.submit(owner, wfRequest(base));
    expect(job.totalTrials).toBe(5 * 3);
    const done = await untilDone(service, job.id);
    expectWindowParts(
      done,
      seen.map((r) => r.settings),
    );
    for (const w of done.windows) {
      const slows = seen
        .filter((r) => r.settings.from === w.inSample.from && r.settings.to === w.inSample.to)
        .map((r) => (r.strategy.params as { slowPeriod: number }).slowPeriod);
      expect(new Set(slows)).toEqual(new Set([3, 1000]));
    }
    expectNoProfitOutOfSample(done);
    await expectPeekingWouldProfit(done, base);
  });
});

describe('walk-forward on a stored series', () => {
  let t: TestStore;
  let service: SearchService;
  let queue: InProcessJobQueue;
  let runner: WorkerTrialRunner;
  /** Every read of the candle store: whose, which range, and the last candle it returned. */
  const reads: { tenantId: string; from: number | null; to: number | null; last: number }[] = [];
  const stored: Req = { ...base, candles: 100, source: { kind: 'stored', venue: 'csv' } };

  beforeAll(async () => {
    t = await createTestStore('pglite');
    const candles = new SqlCandleStore((t.store as SqlStore).sql);
    const ref = { symbol: 'BTC-USD', venue: 'csv', timeframe: '1m' as const };
    for (const [id, climbFirst] of [
      ['acme', false],
      ['globex', true],
    ] as const) {
      await t.store.ensureTenant({ id, name: id });
      await candles.writeCandles(tenantScope(id), {
        ...ref,
        candles: alternatingSeries(climbFirst),
      });
    }
    const recording: CandleRangeReader = {
      async readCandles(scope: TenantScope, input) {
        const c = await candles.readCandles(scope, input);
        reads.push({
          tenantId: scope.tenantId,
          from: input.from,
          to: input.to,
          last: c.time[c.time.length - 1] ?? Number.NaN,
        });
        return c;
      },
    };
    const logger = pino({ level: 'silent' });
    queue = new InProcessJobQueue({ logger });
    runner = new WorkerTrialRunner(2, recording);
    service = new SearchService({
      store: new SqlSearchStore((t.store as SqlStore).sql),
      queue,
      runner,
      instanceId: 'solo',
      logger,
      dataRange: researchDataRange({ candles, simulated: () => ({ from: 0, to: 0 }) }),
      concurrency: 2,
    });
    await service.start();
  });
  afterAll(async () => {
    await service.close();
    await queue.close();
    await runner.close();
    await t.cleanup();
  });

  it('reads only in-sample candles to choose, in its own tenant, on the series coverage', async () => {
    // `candles` is 100: windows follow the stored series (1,200 candles), not the simulated one.
    const job = await service.submit(owner, wfRequest(stored));
    expect(job.totalTrials).toBe(5 * 3);
    const done = await untilDone(service, job.id);
    expect(done.windows[0]?.inSample.from).toBe(new Date(START).toISOString());
    expect(done.windows[4]?.outOfSample.to).toBe(new Date(START + N * MIN).toISOString());

    expect(reads).toHaveLength(15);
    for (const r of reads) expect(r.tenantId).toBe('acme');
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    expectWindowParts(
      done,
      reads.map((r) => ({ from: iso(r.from), to: iso(r.to) })),
    );
    // What each in-sample trial was handed ends before its window's out-of-sample part.
    for (const w of done.windows) {
      const inSample = reads.filter(
        (r) => iso(r.from) === w.inSample.from && iso(r.to) === w.inSample.to,
      );
      expect(inSample.length).toBeGreaterThanOrEqual(2);
      for (const r of inSample) expect(r.last).toBeLessThan(Date.parse(w.outOfSample.from));
    }
    // Globex's series (the same symbol, venue and timeframe, the opposite regimes) would have
    // flipped every choice: the trials read Acme's.
    expectNoProfitOutOfSample(done);
    await expectPeekingWouldProfit(done, base);
  });
});
