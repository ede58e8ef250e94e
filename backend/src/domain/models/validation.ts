import type {
  ClassifierMetrics,
  TrainingSettings,
  ValidationScheme,
} from '@bytelyst/trading-contracts';
import type { Dataset } from './dataset.js';
import { classifierMetrics } from './metrics.js';
import { EmptyTrainingSetError, fitModel, predictRows } from './model.js';

/** One validation window's candles (indexes into the series) and its out-of-sample metrics. */
export interface WindowResult {
  index: number;
  trainRows: number;
  /** First and last test candle (indexes). */
  testFrom: number;
  testTo: number;
  metrics: ClassifierMetrics;
}

export interface ValidationResult {
  windows: WindowResult[];
  pooled: ClassifierMetrics;
  meanAuc: number;
  stdAuc: number;
  meanLogLoss: number;
}

/** Test candles [from, to) of one window, and which rows train it. */
interface Fold {
  from: number;
  to: number;
  trains: (candle: number) => boolean;
}

/**
 * The windows of a scheme over `n` candles. A training row's label reads candles up to
 * `index + horizon`; every rule below keeps that window out of the test block (purge), and in
 * k-fold drops `embargo` candles after the block too (features of a row right after the test
 * block read test candles through their look-back).
 */
export function folds(n: number, scheme: ValidationScheme, settings: TrainingSettings): Fold[] {
  const { horizon, embargo } = settings;
  const blocks = scheme.kind === 'walk_forward' ? scheme.folds + 1 : scheme.folds;
  const size = Math.floor(n / blocks);
  const out: Fold[] = [];
  for (let k = 0; k < scheme.folds; k++) {
    const block = scheme.kind === 'walk_forward' ? k + 1 : k;
    const from = block * size;
    const to = block === blocks - 1 ? n : from + size;
    out.push(
      scheme.kind === 'walk_forward'
        ? // Expanding: everything before the block whose label ends before it.
          { from: from + embargo, to, trains: (i) => i + horizon < from }
        : {
            from,
            to,
            trains: (i) => i + horizon < from || i >= to + embargo,
          },
    );
  }
  return out;
}

/** Rows of a dataset whose candle index passes `keep`, in order. */
function pickRows(d: Dataset, keep: (candle: number) => boolean): Dataset {
  const picked: number[] = [];
  for (let r = 0; r < d.rows; r++) if (keep(d.index[r] as number)) picked.push(r);
  const x = new Float64Array(picked.length * d.width);
  const y = new Uint8Array(picked.length);
  const index = new Uint32Array(picked.length);
  picked.forEach((r, at) => {
    x.set(d.x.subarray(r * d.width, (r + 1) * d.width), at * d.width);
    y[at] = d.y[r] as number;
    index[at] = d.index[r] as number;
  });
  return { features: d.features, width: d.width, rows: picked.length, x, y, index };
}

const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0);

/**
 * Out-of-sample metrics per window (a model fitted on the window's training rows only:
 * standardisation and tree bins included) and over all windows' test rows pooled. Pure and
 * deterministic for a seed; `onWindow` reports each finished window (progress).
 */
export function validateWindows(
  data: Dataset,
  o: {
    candles: number;
    scheme: ValidationScheme;
    settings: TrainingSettings;
    probabilityCut?: number;
    onWindow?: (done: number, total: number) => void;
  },
): ValidationResult {
  const cut = o.probabilityCut ?? 0.5;
  const plan = folds(o.candles, o.scheme, o.settings);
  const windows: WindowResult[] = [];
  const pooledP: number[] = [];
  const pooledY: number[] = [];
  plan.forEach((f, index) => {
    const train = pickRows(data, f.trains);
    const test = pickRows(data, (i) => i >= f.from && i < f.to);
    if (train.rows < 10 || test.rows < 1) throw new EmptyTrainingSetError(train.rows, test.rows);
    const p = predictRows(fitModel(train, o.settings), test);
    for (let r = 0; r < test.rows; r++) {
      pooledP.push(p[r] as number);
      pooledY.push(test.y[r] as number);
    }
    windows.push({
      index,
      trainRows: train.rows,
      testFrom: f.from,
      testTo: f.to - 1,
      metrics: classifierMetrics(p, test.y, cut),
    });
    o.onWindow?.(index + 1, plan.length);
  });
  const aucs = windows.map((w) => w.metrics.auc);
  const m = mean(aucs);
  return {
    windows,
    pooled: classifierMetrics(pooledP, pooledY, cut),
    meanAuc: m,
    stdAuc: Math.sqrt(mean(aucs.map((a) => (a - m) ** 2))),
    meanLogLoss: mean(windows.map((w) => w.metrics.logLoss)),
  };
}
