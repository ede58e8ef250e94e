/**
 * A model strategy (logistic regression on 12 features) backtested over 1,000,000 one-minute
 * candles with inference on every candle, printed beside the SMA crossover's rate in the same
 * run, and the training time on the same 1,000,000 candles (logistic regression and boosted
 * trees). Baseline: the bare feature-and-inference loop without the engine. Prints figures and
 * ratios; never a pass/fail timing.
 *
 *   pnpm exec tsx bench/model-backtest.bench.ts [candles] [rounds]
 */
import {
  ModelStrategyParams,
  TrainingSettings,
  type FeatureId,
  type StrategyConfig,
} from '@bytelyst/trading-contracts';
import { toContractInstrument } from '@bytelyst/trading-backend/adapters';
import {
  FeatureRow,
  logOddsOf,
  trainModel,
  type ModelVersionState,
} from '@bytelyst/trading-backend/domain';
import { paperBacktest } from '@bytelyst/trading-backend';
import { BENCH_BTC as btc, benchProfile, btcMinutes } from './support/bench-fixtures.js';

const N = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? process.env.BENCH_ROUNDS ?? 3);
const FEATURES: FeatureId[] = [
  'ret_1',
  'ret_5',
  'ret_20',
  'rsi_14',
  'macd_hist',
  'atr_14',
  'vol_20',
  'volume_z_20',
  'dist_sma_20',
  'dist_sma_50',
  'channel_pos_20',
  'hour_sin',
];
const series = btcMinutes(N);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
const timed = async <T>(f: () => T | Promise<T>) => {
  const c0 = cpuMs();
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, cpu: cpuMs() - c0, value };
};

const lr = await timed(() =>
  trainModel(
    series,
    TrainingSettings.parse({ features: FEATURES, horizon: 10, model: { kind: 'logistic' } }),
  ),
);
const gbt = await timed(() =>
  trainModel(
    series,
    TrainingSettings.parse({
      features: FEATURES,
      horizon: 10,
      model: { kind: 'boosted-trees', trees: 50 },
    }),
  ),
);
const state: ModelVersionState = {
  version: 'bench-lr',
  tenantId: 'backtest',
  model: lr.value,
  disabledReason: null,
  approvedAt: null,
};
const models = { model: (v: string) => (v === state.version ? state : undefined) };

/** Features and the model's log-odds on every candle, nothing else: the floor of the engine's cost. */
function bareInference() {
  const row = new FeatureRow(FEATURES);
  const scratch = new Float64Array(FEATURES.length);
  const bar = { openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  let above = 0;
  for (let i = 0; i < N; i++) {
    bar.openTime = series.time[i]!;
    bar.open = series.open[i]!;
    bar.high = series.high[i]!;
    bar.low = series.low[i]!;
    bar.close = series.close[i]!;
    bar.volume = series.volume[i]!;
    if (row.update(bar) && logOddsOf(lr.value.fitted, row.values, scratch) > 0.04) above++;
  }
  return above;
}

const backtest = (strategy: StrategyConfig) =>
  paperBacktest({
    series: [series],
    instruments: [toContractInstrument(btc)],
    profiles: [benchProfile(strategy)],
    persistence: 'off',
    equityEvery: 1440,
    models,
  });
const MODEL: StrategyConfig = {
  strategy: 'model',
  // The drift watch runs on every candle (its cost is measured) but at its widest bound, so the
  // whole series trades: the simulated volatility drifts far from the training stretch.
  params: ModelStrategyParams.parse({
    modelVersion: state.version,
    enterAbove: 0.51,
    exitBelow: 0.5,
    driftPsiMax: 100,
    driftHitRateDrop: 1,
  }),
};
const SMA: StrategyConfig = {
  strategy: 'sma-cross',
  params: { fastPeriod: 10, slowPeriod: 30, kind: 'sma' },
};

await backtest(MODEL); // warm-up
const round = async () => ({
  bare: await timed(bareInference),
  model: await timed(() => backtest(MODEL)),
  sma: await timed(() => backtest(SMA)),
});
const rounds: Awaited<ReturnType<typeof round>>[] = [];
for (let i = 0; i < ROUNDS; i++) rounds.push(await round());
const median = (key: (r: (typeof rounds)[number]) => number) =>
  [...rounds].sort((a, b) => key(a) - key(b))[Math.floor(rounds.length / 2)]!;

console.log(
  `date: ${new Date().toISOString()}  node ${process.version}  candles: ${N.toLocaleString('en-US')}  rounds: ${ROUNDS}`,
);
const oos = (m: typeof lr.value) =>
  `out-of-sample AUC ${m.metrics.outOfSample.auc.toFixed(4)}, log loss ${m.metrics.outOfSample.logLoss.toFixed(4)}, ${m.window.trainRows.toLocaleString('en-US')} training rows`;
console.log(
  `training, logistic regression (12 features): ${lr.ms.toFixed(0)} ms wall, ${lr.cpu.toFixed(0)} ms cpu; ${oos(lr.value)}`,
);
console.log(
  `training, boosted trees (50 trees, depth 2): ${gbt.ms.toFixed(0)} ms wall, ${gbt.cpu.toFixed(0)} ms cpu; ${oos(gbt.value)}`,
);
rounds.forEach((r, i) =>
  console.log(
    `round ${i + 1}: bare inference ${r.bare.ms.toFixed(0)} ms  model backtest ${r.model.ms.toFixed(0)} ms (${rate(N, r.model.ms)}/s, cpu ${r.model.cpu.toFixed(0)} ms)  sma backtest ${r.sma.ms.toFixed(0)} ms (${rate(N, r.sma.ms)}/s)`,
  ),
);
const m = median((r) => r.model.ms);
const s = median((r) => r.sma.ms);
const b = median((r) => r.bare.ms);
console.log(
  `bare features + inference (median): ${b.bare.ms.toFixed(1)} ms (${rate(N, b.bare.ms)} candles/s)`,
);
console.log(
  `model strategy backtest (median): ${m.model.ms.toFixed(1)} ms (${rate(N, m.model.ms)} candles/s, cpu ${rate(N, m.model.cpu)} per core-second)  decisions=${JSON.stringify(m.model.value.stats.decisions)}`,
);
console.log(
  `sma crossover backtest (median): ${s.sma.ms.toFixed(1)} ms (${rate(N, s.sma.ms)} candles/s, cpu ${rate(N, s.sma.cpu)} per core-second)`,
);
console.log(
  `ratios: model/sma wall ${(m.model.ms / s.sma.ms).toFixed(2)}x, model/bare ${(m.model.ms / b.bare.ms).toFixed(1)}x  (goal: model >= 500,000 candles/s)`,
);
