import type { ClassifierMetrics, FeatureId, TrainingSettings } from '@bytelyst/trading-contracts';
import {
  type BoostedTreesModel,
  boostedParts,
  boostedLogOdds,
  fitBoostedTrees,
} from './boosted-trees.js';
import { type CandleColumns } from './features.js';
import { type Dataset, builtInDataset, purgedSplit } from './dataset.js';
import { driftReference } from './drift.js';
import { sigmoid } from './linear-algebra.js';
import { type LogisticModel, fitLogistic, logisticParts } from './logistic.js';
import { classifierMetrics } from './metrics.js';

export type FittedModel = LogisticModel | BoostedTreesModel;

/**
 * A trained model as stored: everything needed to predict (features in order, the fitted
 * parameters) and to judge it (settings, window, metrics). Plain JSON: numbers survive a round
 * trip exactly, so a reloaded model predicts bit for bit the same.
 */
export interface TrainedModel {
  readonly features: FeatureId[];
  readonly settings: TrainingSettings;
  readonly fitted: FittedModel;
  readonly window: { from: number; to: number; trainRows: number; testRows: number };
  readonly metrics: { inSample: ClassifierMetrics; outOfSample: ClassifierMetrics };
  /**
   * The training rows' distribution of each feature (the drift reference): mean and deviation,
   * and decile edges with each bin's share. Artifacts trained before the edges were kept lack
   * them; drift is then judged against normal deciles of the mean and deviation.
   */
  readonly reference: {
    mean: number[];
    std: number[];
    edges?: number[][];
    fractions?: number[][];
  };
  /**
   * Mean absolute contribution of each feature to the log-odds over the test rows (the model
   * card's importance). Absent on artifacts trained before it was kept.
   */
  readonly importance?: number[];
}

const reference = (d: Dataset) => ({
  ...moments(d),
  ...driftReference(d.x, d.rows, d.width),
});

/** Mean |contribution| per feature over the rows: which features moved its log-odds most. */
function importanceOf(m: FittedModel, d: Dataset): number[] {
  const sum = new Float64Array(d.width);
  const c = new Float64Array(d.width);
  for (let r = 0; r < d.rows; r++) {
    explain(m, d.x.subarray(r * d.width, (r + 1) * d.width), c);
    for (let j = 0; j < d.width; j++) sum[j] = (sum[j] as number) + Math.abs(c[j] as number);
  }
  return Array.from(sum, (s) => (d.rows > 0 ? s / d.rows : 0));
}

const moments = (d: Dataset) => {
  const mean = new Array<number>(d.width).fill(0);
  const sq = new Array<number>(d.width).fill(0);
  for (let r = 0; r < d.rows; r++)
    for (let j = 0; j < d.width; j++) {
      const v = d.x[r * d.width + j] as number;
      mean[j] = (mean[j] as number) + v;
      sq[j] = (sq[j] as number) + v * v;
    }
  return {
    mean: mean.map((s) => (d.rows ? s / d.rows : 0)),
    std: sq.map((s, j) => {
      const m = d.rows ? (mean[j] as number) / d.rows : 0;
      return d.rows ? Math.sqrt(Math.max(0, s / d.rows - m * m)) : 0;
    }),
  };
};

/** The model's probability for each row of a dataset. */
export function predictRows(m: FittedModel, d: Dataset): Float64Array {
  const out = new Float64Array(d.rows);
  const scratch = new Float64Array(d.width);
  for (let r = 0; r < d.rows; r++) {
    const x = d.x.subarray(r * d.width, (r + 1) * d.width);
    out[r] = sigmoid(m.kind === 'logistic' ? logisticParts(m, x, scratch) : boostedLogOdds(m, x));
  }
  return out;
}

export class EmptyTrainingSetError extends Error {
  readonly code = 'TRAINING_DATA_TOO_SHORT';
  constructor(train: number, test: number) {
    super(`not enough candles to train and test: ${train} training rows, ${test} test rows`);
  }
}

/** Index of the first candle that is neither trained on nor in the purge/embargo gap. */
export const testStartIndex = (candles: number, settings: TrainingSettings): number =>
  Math.floor(candles * settings.trainFraction) + settings.embargo;

/**
 * Trains on the candles before `trainFraction` of the series and measures on the candles after
 * the purge and embargo. Features are checked for look-ahead first; standardisation and bins
 * come from the training rows only.
 */
export function trainModel(
  cols: CandleColumns,
  settings: TrainingSettings,
  probabilityCut = 0.5,
): TrainedModel {
  return trainOnDataset(cols, builtInDataset(cols, settings.features, settings), {
    settings,
    probabilityCut,
  });
}

/** Fits the configured model on training rows (the seed drives boosted trees' subsampling). */
export function fitModel(train: Dataset, settings: TrainingSettings): FittedModel {
  const m = settings.model;
  return m.kind === 'logistic'
    ? fitLogistic(train, m)
    : fitBoostedTrees(train, { ...m, seed: settings.seed });
}

/**
 * `trainModel` on a dataset already built (and leakage-checked) from `cols`: the job path builds
 * it once for its validation windows and the final fit.
 */
export function trainOnDataset(
  cols: CandleColumns,
  data: Dataset,
  o: { settings: TrainingSettings; probabilityCut?: number },
): TrainedModel {
  const { settings } = o;
  const probabilityCut = o.probabilityCut ?? 0.5;
  const trainEnd = Math.floor(cols.close.length * settings.trainFraction);
  const { train, test } = purgedSplit(data, {
    trainEnd,
    horizon: settings.horizon,
    embargo: settings.embargo,
  });
  if (train.rows < 10 || test.rows < 1) throw new EmptyTrainingSetError(train.rows, test.rows);
  const fitted = fitModel(train, settings);
  return {
    features: [...settings.features],
    settings,
    fitted,
    window: {
      from: cols.time[0] ?? 0,
      to: cols.time[cols.time.length - 1] ?? 0,
      trainRows: train.rows,
      testRows: test.rows,
    },
    metrics: {
      inSample: classifierMetrics(predictRows(fitted, train), train.y, probabilityCut),
      outOfSample: classifierMetrics(predictRows(fitted, test), test.y, probabilityCut),
    },
    reference: reference(train),
    importance: importanceOf(fitted, test),
  };
}

/**
 * One prediction with its explanation: the probability, and the log-odds as a base value plus
 * one contribution per feature (contributions + base = log-odds).
 */
export function explain(
  m: FittedModel,
  x: ArrayLike<number>,
  contributions: Float64Array,
): { p: number; logOdds: number; base: number } {
  if (m.kind === 'logistic') {
    const logOdds = logisticParts(m, x, contributions);
    return { p: sigmoid(logOdds), logOdds, base: m.intercept };
  }
  const base = boostedParts(m, x, contributions);
  const logOdds = boostedLogOdds(m, x);
  return { p: sigmoid(logOdds), logOdds, base };
}

/** The model's log-odds alone (the per-candle path: no attribution). */
export const logOddsOf = (m: FittedModel, x: ArrayLike<number>, scratch: Float64Array): number =>
  m.kind === 'logistic' ? logisticParts(m, x, scratch) : boostedLogOdds(m, x);

/** JSON with keys in a fixed order, so equal models serialise (and hash) identically. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
