/**
 * Backtest throughput of the full pipeline (strategy, risk, paper fills, positions, ledger;
 * persistence off) over 1,000,000 one-minute candles with an SMA crossover, on one core.
 * Baseline: a bare loop over the same candles computing the same two SMAs. Prints figures and
 * the ratio; never a pass/fail timing.
 *
 *   pnpm exec tsx bench/backtest.bench.ts [candles]
 *   BENCH_FILL=next_open pnpm exec tsx bench/backtest.bench.ts   (run settings: next-open fills)
 *
 * Without BENCH_FILL the run has no settings (fills at the close, the venue's default terms),
 * as before settings existed, so figures stay comparable across RESULTS.md.
 */
import { toContractInstrument } from '@bytelyst/trading-backend/adapters';
import { Sma } from '@bytelyst/trading-backend/domain';
import { paperBacktest } from '@bytelyst/trading-backend';
import { BENCH_BTC as btc, benchProfile, btcMinutes } from './support/bench-fixtures.js';
import { BacktestSettings } from '@bytelyst/trading-contracts';

const N = Number(process.argv[2] ?? 1_000_000);
const FILL =
  process.env.BENCH_FILL === 'next_open' || process.env.BENCH_FILL === 'close'
    ? process.env.BENCH_FILL
    : null;
const FAST = 10;
const SLOW = 30;
const series = btcMinutes(N);

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
  const r = await paperBacktest({
    series: [series],
    instruments: [toContractInstrument(btc)],
    profiles: [
      benchProfile({
        strategy: 'sma-cross',
        params: { fastPeriod: FAST, slowPeriod: SLOW, kind: 'sma' },
      }),
    ],
    persistence: 'off',
    equityEvery: 1440,
    ...(FILL
      ? { settings: { run: BacktestSettings.parse({ fillRule: FILL }), capital: '100000' } }
      : {}),
  });
  return { ms: performance.now() - t0, cpu: cpuMs() - c0, r };
}

// The first full run is printed apart as the cold figure (a fresh process, the JIT still
// compiling the engine: what a one-off backtest in a new worker sees). Then interleaved warm
// rounds (BENCH_ROUNDS, default 3); one run swings by +-8 % on a shared machine, so the figure
// reported is the median warm round.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
baseline();
const cold = await full();
const rounds: { b: ReturnType<typeof baseline>; f: Awaited<ReturnType<typeof full>> }[] = [];
for (let i = 0; i < ROUNDS; i++) rounds.push({ b: baseline(), f: await full() });
const rate = (n: number, t: number) => Math.round((n / t) * 1000).toLocaleString('en-US');
const median = <T>(xs: T[], key: (x: T) => number): T =>
  [...xs].sort((x, y) => key(x) - key(y))[Math.floor(xs.length / 2)] as T;
console.log(
  `date: ${new Date().toISOString()}  node ${process.version}  candles: ${N.toLocaleString('en-US')}  rounds: ${ROUNDS}  fills: ${FILL ?? 'close (no settings)'}`,
);
console.log(
  `cold first run: full ${cold.ms.toFixed(1)} ms (${rate(N, cold.ms)}/s, cpu ${cold.cpu.toFixed(0)} ms)`,
);
rounds.forEach(({ b, f }, i) =>
  console.log(
    `round ${i + 1}: baseline ${b.ms.toFixed(1)} ms (${rate(N, b.ms)}/s)  full ${f.ms.toFixed(1)} ms (${rate(N, f.ms)}/s, cpu ${f.cpu.toFixed(0)} ms)`,
  ),
);
const b = median(rounds, (x) => x.b.ms).b;
const { ms, cpu, r } = median(rounds, (x) => x.f.ms).f;
console.log(
  `baseline (bare SMA loop):  wall ${b.ms.toFixed(1)} ms (${rate(N, b.ms)} candles/s)  cpu ${b.cpu.toFixed(1)} ms  crosses=${b.crosses}`,
);
console.log(
  `full pipeline (backtest, median warm round):  wall ${ms.toFixed(1)} ms (${rate(N, ms)} candles/s)  cpu ${cpu.toFixed(1)} ms (${rate(N, cpu)} candles/s per core-second)`,
);
console.log(
  `  orders=${r.stats.orders} fills=${r.stats.fills} trades=${r.stats.trades} decisions=${JSON.stringify(r.stats.decisions)}`,
);
console.log(`  final equity=${JSON.stringify(r.finalEquity)}`);
console.log(
  `ratio full/baseline wall time (medians): ${(ms / b.ms).toFixed(1)}x  (goal: >= 1,000,000 candles/s for the full pipeline)`,
);
