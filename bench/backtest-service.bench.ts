/**
 * Backtests as a user gets them: a job submitted to the BacktestService, run in a worker thread,
 * timed from submit to result, for the first job (a new worker) and the next ones (a warm worker
 * kept by the service). Baseline: the same request run by `paperBacktest` on this thread, warm.
 * Prints figures only.
 *
 *   pnpm exec tsx bench/backtest-service.bench.ts
 */
import pino from 'pino';
import { BacktestRequest, DEFAULT_RISK_LIMITS } from '@bytelyst/trading-contracts';
import { generateBarColumns } from '@bytelyst/trading-backend/adapters';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '@bytelyst/trading-backend/adapters';
import { paperBacktest } from '@bytelyst/trading-backend';
import { makeProfile } from '@bytelyst/trading-backend/testing';
import {
  createStore,
  SqlBacktestResultStore,
  type SqlStore,
} from '@bytelyst/trading-backend/adapters';
import { BacktestService } from '@bytelyst/trading-backend/services';

const owner = { tenantId: 'bench', userId: 'bench-user' };
const btc = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === 'BTC-USD');
if (!btc) throw new Error('no BTC-USD');
const requestOf = (candles: number) =>
  BacktestRequest.parse({
    strategy: { strategy: 'sma-cross', params: { fastPeriod: 10, slowPeriod: 30 } },
    symbol: 'BTC-USD',
    candles,
  });

/** The engine alone on this thread: what the worker adds is the difference. */
async function inProcess(req: BacktestRequest): Promise<number> {
  const series = generateBarColumns({
    seed: req.seed,
    instrument: btc as NonNullable<typeof btc>,
    timeframe: req.timeframe,
    count: req.candles,
    startTime: Date.UTC(2022, 0, 3),
  });
  const t0 = performance.now();
  await paperBacktest({
    series: [series],
    instruments: [toContractInstrument(btc as NonNullable<typeof btc>)],
    profiles: [
      makeProfile({
        id: 'backtest-profile',
        tenantId: 'backtest',
        timeframe: req.timeframe,
        strategy: req.strategy,
        capital: req.capital,
        risk: req.risk ?? DEFAULT_RISK_LIMITS,
      }),
    ],
    persistence: 'off',
    equityEvery: Math.max(1, Math.floor(req.candles / 400)),
  });
  return performance.now() - t0;
}

console.log(`date: ${new Date().toISOString()}  node ${process.version}`);
// Jobs are rows (backtest_jobs): the store the service writes them to, embedded like the default.
const store = await createStore({ dataDir: 'memory://' });
await store.ensureTenant({ id: owner.tenantId, name: owner.tenantId });
for (const candles of [10_000, 200_000, 1_000_000]) {
  const req = requestOf(candles);
  await inProcess(req);
  const base = await inProcess(req);
  const fresh = new BacktestService({
    logger: pino({ level: 'silent' }),
    store,
    // Every job now also stores its full trade list and curve before it is done.
    results: new SqlBacktestResultStore((store as SqlStore).sql),
    instanceId: 'bench',
  });
  await fresh.start();
  const t0 = performance.now();
  const job = await fresh.submit(owner, req);
  await fresh.idle();
  const coldMs = performance.now() - t0;
  if ((await fresh.get(owner, job.id)).status !== 'done') throw new Error('cold job failed');
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const j = await fresh.submit(owner, req);
    await fresh.idle();
    if ((await fresh.get(owner, j.id)).status !== 'done') throw new Error('warm job failed');
    warm.push(performance.now() - t);
  }
  await fresh.close();
  const warmMedian = [...warm].sort((a, b) => a - b)[1] ?? NaN;
  const rate = (ms: number) => Math.round((candles / ms) * 1000).toLocaleString('en-US');
  console.log(
    `${candles.toLocaleString('en-US').padStart(9)} candles: in-process ${base.toFixed(0)} ms (${rate(base)}/s) | ` +
      `job on a new worker ${coldMs.toFixed(0)} ms (${rate(coldMs)}/s) | ` +
      `job on a warm worker ${warmMedian.toFixed(0)} ms (${rate(warmMedian)}/s, median of 3) | ` +
      `warm job / in-process ${(warmMedian / base).toFixed(2)}x`,
  );
}
process.exit(0);
