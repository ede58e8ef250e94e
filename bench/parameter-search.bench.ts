/**
 * A parameter search as a user runs it: N trials of C candles each through the SearchService,
 * its job queue and W worker threads, timed from submit to the finished search. Baseline in the
 * same run: one backtest of the same size on one warm worker thread (one core's rate). Also the
 * queue's own cost per job (enqueue + dequeue of no-op jobs). Prints figures only; CPU time is
 * the whole process's (worker threads included), because the machine is shared.
 *
 *   pnpm exec tsx bench/parameter-search.bench.ts [trials=200] [candles=100000] [workers=2]
 *   DATABASE_URL=postgres://... pnpm exec tsx bench/parameter-search.bench.ts   # pg-boss queue
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { BacktestRequest, SearchRequest } from '@bytelyst/trading-contracts';
import {
  createStore,
  InProcessJobQueue,
  PgBossJobQueue,
  SqlSearchStore,
  SqlStore,
} from '@bytelyst/trading-backend/adapters';
import { simulatedDataRange } from '@bytelyst/trading-backend';
import { SearchService, WorkerTrialRunner } from '@bytelyst/trading-backend/services';
import { type JobQueue, tenantScope } from '@bytelyst/trading-backend/ports';

const [trials = 200, candles = 100_000, workers = 2] = process.argv.slice(2).map(Number);
const dbUrl = process.env.DATABASE_URL;
const logger = pino({ level: 'silent' });

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const base = BacktestRequest.parse({
  strategy: { strategy: 'sma-cross', params: { fastPeriod: 10, slowPeriod: 30 } },
  symbol: 'BTC-USD',
  candles,
});

/** A grid of exactly `trials` valid points: fast 2.. by slow 60..(step 10), fast < slow always. */
function spaceFor(n: number) {
  const slows = Math.min(5, n);
  const fasts = Math.ceil(n / slows);
  return {
    fastPeriod: { min: 2, max: 2 + fasts - 1, step: 1 },
    slowPeriod: { min: 60, max: 60 + (slows - 1) * 10, step: 10 },
  };
}

async function queueFor(kind: 'in-process' | 'pg-boss', schema: string): Promise<JobQueue> {
  if (kind === 'in-process') return new InProcessJobQueue({ logger });
  const q = new PgBossJobQueue({ connectionString: dbUrl ?? '', schema, logger });
  await q.start();
  return q;
}

/** Enqueue + dequeue of `n` no-op jobs on one worker: the queue's own cost per trial. */
async function queueOverhead(q: JobQueue, n: number): Promise<number> {
  let done = 0;
  let resolveAll: () => void = () => undefined;
  const all = new Promise<void>((r) => (resolveAll = r));
  await q.register<{ i: number }>({
    name: 'bench-noop',
    parse: (d) => d as { i: number },
    concurrency: 1,
    expireInSeconds: 60,
    retryLimit: 0,
    handle: async () => {
      if (++done === n) resolveAll();
    },
  });
  const t0 = performance.now();
  await q.enqueue(
    'bench-noop',
    Array.from({ length: n }, (_, i) => ({ id: `noop-${i}`, data: { i } })),
  );
  await all;
  return (performance.now() - t0) / n;
}

async function main(): Promise<void> {
  const kind = dbUrl ? 'pg-boss' : 'in-process';
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  if (dbUrl) {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
  }
  const store = await createStore(
    dbUrl
      ? { databaseUrl: dbUrl, dataDir: 'unused', schema, poolSize: 4 }
      : { dataDir: 'memory://' },
  );
  if (!(store instanceof SqlStore)) throw new Error('unexpected store');
  await store.ensureTenant({ id: 'bench', name: 'Bench' });
  console.log(
    `parameter search: ${trials} trials x ${fmt(candles)} candles, ${workers} worker threads, queue ${kind}, ${new Date().toISOString()}`,
  );

  // One core's rate: the same backtest on one warm worker thread, median of three.
  const single = new WorkerTrialRunner(1);
  const scope = tenantScope('bench');
  await single.run(base, scope);
  const singles: number[] = [];
  const singleCpu0 = cpu();
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await single.run(base, scope);
    singles.push(performance.now() - t0);
  }
  const singleCpuRate = (3 * candles) / ((cpu() - singleCpu0) / 1000);
  await single.close();
  const singleMs = [...singles].sort((a, b) => a - b)[1] ?? 0;
  const singleRate = (candles / singleMs) * 1000;
  console.log(
    `single backtest on one warm worker: ${singles.map((x) => x.toFixed(0)).join(' / ')} ms, median ${singleMs.toFixed(0)} ms = ${fmt(singleRate)} candles/s wall, ${fmt(singleCpuRate)} candles per cpu-second`,
  );

  const overheadQueue = await queueFor(kind, `${schema}_noop`);
  const perJob = await queueOverhead(overheadQueue, 500);
  await overheadQueue.close();
  console.log(
    `queue overhead (${kind}): ${perJob.toFixed(2)} ms per job (enqueue + dequeue, 500 no-op jobs)`,
  );

  const queue = await queueFor(kind, `${schema}_jobs`);
  const runner = new WorkerTrialRunner(workers);
  const service = new SearchService({
    store: new SqlSearchStore(store.sql),
    queue,
    runner,
    instanceId: 'bench',
    logger,
    dataRange: async (_scope, request) => simulatedDataRange(request),
    concurrency: workers,
    sweepMs: 60_000,
  });
  await service.start();
  // Warm the pool's threads (module loading is ~0.4 s each; a backend keeps them warm).
  await Promise.all(
    Array.from({ length: workers }, () => runner.run({ ...base, candles: 1000 }, scope)),
  );
  const owner = { tenantId: 'bench', userId: 'bench-user' };
  const request = SearchRequest.parse({ base, space: spaceFor(trials), objective: 'sharpe' });
  const cpu0 = cpu();
  const t0 = performance.now();
  const job = await service.submit(owner, request);
  let s = job;
  while (s.status === 'running') {
    await new Promise((r) => setTimeout(r, 200));
    s = await service.get(owner, job.id);
  }
  const wall = performance.now() - t0;
  const cpuMs = cpu() - cpu0;
  const total = s.finishedTrials * candles;
  const rate = (total / wall) * 1000;
  console.log(
    `search: ${s.status}, ${s.finishedTrials}/${s.totalTrials} trials (${s.failedTrials} failed) in ${(wall / 1000).toFixed(1)} s wall, ${(cpuMs / 1000).toFixed(1)} s cpu (${(cpuMs / wall).toFixed(2)} cores busy)`,
  );
  console.log(
    `throughput: ${(s.finishedTrials / (wall / 1000)).toFixed(2)} trials/s, ${fmt(rate)} candles/s aggregate = ${(rate / singleRate).toFixed(2)}x one worker's rate (goal >= 1.6x with two workers)`,
  );
  const searchCpuRate = (total / cpuMs) * 1000;
  console.log(
    `per cpu-second: search ${fmt(searchCpuRate)} candles vs single ${fmt(singleCpuRate)} (${((searchCpuRate / singleCpuRate) * 100).toFixed(0)} % efficiency: queue, store and threads cost the rest)`,
  );
  console.log(
    `two workers at that efficiency, given two free cores: ${((2 * searchCpuRate) / singleCpuRate).toFixed(2)}x one core's rate; best ${JSON.stringify(s.best?.params)} sharpe ${s.best?.value.toFixed(3)}`,
  );
  await service.close();
  await queue.close();
  await runner.close();
  await store.close();
  if (dbUrl) {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    await c.query(
      `DROP SCHEMA ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE; DROP SCHEMA IF EXISTS ${schema}_noop CASCADE`,
    );
    await c.end();
  }
}

await main();
