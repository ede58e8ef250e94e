/**
 * Backtest throughput of the full pipeline (strategy, risk, paper fills, positions, ledger;
 * persistence off) over 1,000,000 one-minute candles with an SMA crossover, on one core.
 * Baseline: a bare loop over the same candles computing the same two SMAs. Prints figures and
 * the ratio; never a pass/fail timing.
 *
 *   pnpm exec tsx bench/backtest.bench.ts [candles]
 */
import {
  DEFAULT_SIM_INSTRUMENTS,
  toContractInstrument,
} from '../backend/src/adapters/market/instruments.js';
import { generateBarColumns } from '../backend/src/adapters/market/generate-bars.js';
import { Sma } from '../backend/src/domain/strategies/indicators/moving-averages.js';
import { runBacktest } from '../backend/src/engine/backtest/runner.js';
import { makeProfile } from '../backend/src/engine/testing/fixtures.js';

const N = Number(process.argv[2] ?? 1_000_000);
const FAST = Number(process.env.FAST ?? 10);
const SLOW = Number(process.env.SLOW ?? 30);
const btc = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === 'BTC-USD')!;
const series = generateBarColumns({
  seed: 42,
  instrument: btc,
  timeframe: '1m',
  count: N,
  startTime: Date.UTC(2024, 0, 1),
});

/** CPU time of this process in ms: on a shared machine it measures one core's work, not the queue. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function baseline(): { ms: number; cpu: number; crosses: number } {
  const c0 = cpuMs();
  const t0 = performance.now();
  const f = new Sma(FAST);
  const s = new Sma(SLOW);
  let prev = NaN;
  let crosses = 0;
  for (let i = 0; i < N; i++) {
    const c = series.close[i]!;
    const d = f.update(c) - s.update(c);
    if (prev <= 0 && d > 0) crosses++;
    prev = d;
  }
  return { ms: performance.now() - t0, cpu: cpuMs() - c0, crosses };
}

async function full() {
  const c0 = cpuMs();
  const t0 = performance.now();
  const r = await runBacktest({
    series: [series],
    instruments: [toContractInstrument(btc)],
    profiles: [
      makeProfile({
        id: 'bench',
        tenantId: 'backtest',
        strategy: {
          strategy: 'sma-cross',
          params: { fastPeriod: FAST, slowPeriod: SLOW, kind: 'sma' },
        },
        capital: '100000',
        risk: {
          cooldownAfterLossMs: 0,
          maxDailyLoss: '1000000',
          maxDrawdownPct: '0.99',
          stopLossPct: null,
          takeProfitPct: null,
        },
      }),
    ],
    persistence: 'off',
    equityEvery: 1440,
  });
  return { ms: performance.now() - t0, cpu: cpuMs() - c0, r };
}

// Warm the JIT on a short run of each, then measure.
baseline();
const b = baseline();
const { ms, cpu, r } = await full();
const rate = (n: number, t: number) => Math.round((n / t) * 1000).toLocaleString('en-US');
console.log(
  `date: ${new Date().toISOString()}  node ${process.version}  candles: ${N.toLocaleString('en-US')}`,
);
console.log(
  `baseline (bare SMA loop):  wall ${b.ms.toFixed(1)} ms (${rate(N, b.ms)} candles/s)  cpu ${b.cpu.toFixed(1)} ms  crosses=${b.crosses}`,
);
console.log(
  `full pipeline (backtest):  wall ${ms.toFixed(1)} ms (${rate(N, ms)} candles/s)  cpu ${cpu.toFixed(1)} ms (${rate(N, cpu)} candles/s per core-second)`,
);
console.log(
  `  orders=${r.stats.orders} fills=${r.stats.fills} trades=${r.stats.trades} decisions=${JSON.stringify(r.stats.decisions)}`,
);
console.log(`  final equity=${JSON.stringify(r.finalEquity)}`);
console.log(
  `ratio full/baseline wall time: ${(ms / b.ms).toFixed(1)}x  (goal: >= 1,000,000 candles/s for the full pipeline)`,
);
