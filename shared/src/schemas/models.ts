import { z } from 'zod';
import { Id, Reason, Symbol } from '../primitives.js';

/**
 * The features a model strategy may use, declared here (like the strategies' params) so forms,
 * model cards and the "why" panel render from one list. Every feature is computed from closed
 * candles up to and including the decision candle; the training pipeline refuses any feature
 * whose value at a candle changes when later candles are appended (the leakage check).
 */
export const MODEL_FEATURES = {
  ret_1: 'Log return over the last candle',
  ret_5: 'Log return over the last 5 candles',
  ret_20: 'Log return over the last 20 candles',
  rsi_14: "Wilder's RSI over 14 candles, scaled to 0..1",
  macd_hist: 'MACD histogram (12, 26, 9) in fractions of the close',
  atr_14: 'Average true range over 14 candles in fractions of the close',
  vol_20: 'Standard deviation of one-candle log returns over 20 candles',
  volume_z_20: 'Volume z-score against the last 20 candles',
  dist_sma_20: 'Close over its 20-candle average, minus 1',
  dist_sma_50: 'Close over its 50-candle average, minus 1',
  channel_pos_20: 'Position of the close in the 20-candle high-low channel (0 low, 1 high)',
  hour_sin: 'Time of day (UTC) on the unit circle, sine',
  hour_cos: 'Time of day (UTC) on the unit circle, cosine',
  weekday_sin: 'Day of the week (UTC) on the unit circle, sine',
  weekday_cos: 'Day of the week (UTC) on the unit circle, cosine',
} as const;
export type FeatureId = keyof typeof MODEL_FEATURES;
export const FEATURE_IDS = Object.keys(MODEL_FEATURES) as [FeatureId, ...FeatureId[]];
export const FeatureIdSchema = z.enum(FEATURE_IDS);

export const MODEL_KINDS = ['logistic', 'boosted-trees'] as const;
export const ModelKind = z.enum(MODEL_KINDS);
export type ModelKind = z.infer<typeof ModelKind>;

/** L2-regularised logistic regression on standardised features, fitted by Newton's method. */
export const LogisticSettings = z.strictObject({
  kind: z.literal('logistic'),
  l2: z.number().min(0).max(1000).default(1).describe('L2 penalty on the coefficients'),
  maxIterations: z.number().int().min(1).max(200).default(50),
});

/** Gradient-boosted regression trees on the log-odds (logistic loss), fixed-depth, binned splits. */
export const BoostedTreesSettings = z.strictObject({
  kind: z.literal('boosted-trees'),
  trees: z.number().int().min(1).max(500).default(100),
  depth: z.number().int().min(1).max(3).default(2),
  learningRate: z.number().gt(0).max(1).default(0.1),
  minLeaf: z.number().int().min(1).max(100_000).default(50),
  bins: z.number().int().min(4).max(255).default(32),
  /** Fraction of rows each tree sees (drawn with the seed); 1 uses every row. */
  subsample: z.number().gt(0).max(1).default(1),
});

export const ModelSettings = z.discriminatedUnion('kind', [LogisticSettings, BoostedTreesSettings]);
export type ModelSettings = z.infer<typeof ModelSettings>;

/** What a training run is asked for: features, label, model and the out-of-sample split. */
export const TrainingSettings = z.strictObject({
  features: z.array(FeatureIdSchema).min(1).max(FEATURE_IDS.length),
  /** The label: 1 when the log return from this close to the close `horizon` candles later exceeds `threshold`. */
  horizon: z.number().int().min(1).max(1000).default(10),
  threshold: z.number().min(-0.5).max(0.5).default(0),
  model: ModelSettings,
  /** Rows before this fraction train; the rest (after the embargo) test out of sample. */
  trainFraction: z.number().min(0.1).max(0.95).default(0.7),
  /** Candles dropped between train and test beyond the label horizon (purge + embargo). */
  embargo: z.number().int().min(0).max(10_000).default(0),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
});
export type TrainingSettings = z.infer<typeof TrainingSettings>;

/** Out-of-sample (or in-sample) quality of a classifier at a probability threshold. */
export const ClassifierMetrics = z.strictObject({
  rows: z.number().int(),
  positiveRate: z.number(),
  logLoss: z.number(),
  auc: z.number(),
  /** Rows with p above the threshold, and the share of them that were positive. */
  threshold: z.number(),
  predictedPositive: z.number().int(),
  precision: z.number(),
  /** Share of all rows classified right at the threshold. */
  hitRate: z.number(),
  /** Ten equal-width probability bins: mean predicted vs observed positive rate. */
  calibration: z.array(
    z.strictObject({
      from: z.number(),
      to: z.number(),
      rows: z.number().int(),
      predicted: z.number(),
      observed: z.number(),
    }),
  ),
});
export type ClassifierMetrics = z.infer<typeof ClassifierMetrics>;

/** The parameters a model strategy trades with: which model version, and its thresholds. */
export const ModelStrategyParams = z
  .strictObject({
    modelVersion: Id.describe('Model version id from the registry'),
    enterAbove: z.number().gt(0).lt(1).default(0.6).describe('Enter long when p is above this'),
    exitBelow: z.number().gt(0).lt(1).default(0.5).describe('Exit when p falls below this'),
    driftPsiMax: z
      .number()
      .gt(0)
      .max(100)
      .default(1)
      .describe('Entries stop when any feature drifts past this PSI from training'),
    driftHitRateDrop: z
      .number()
      .gt(0)
      .max(1)
      .default(0.15)
      .describe('Entries stop when the live hit rate falls this far below validation'),
    driftWindow: z
      .number()
      .int()
      .min(50)
      .max(10_000)
      .default(1440)
      .describe('Candles the drift watch measures over'),
  })
  .refine((p) => p.exitBelow <= p.enterAbove, {
    message: 'exitBelow must not be above enterAbove',
    path: ['exitBelow'],
  });
export type ModelStrategyParams = z.infer<typeof ModelStrategyParams>;

/** Where a training run reads its candles: today the simulated market's seeded history. */
export const TrainModelBody = z.strictObject({
  symbol: Symbol,
  timeframe: z.enum(['1m', '5m', '15m', '1h', '4h', '1d']).default('1m'),
  /** How many candles ending now the model is trained and tested on. */
  candles: z.number().int().min(500).max(200_000).default(20_000),
  settings: TrainingSettings,
});
export type TrainModelBody = z.infer<typeof TrainModelBody>;

export const DisableModelBody = z.strictObject({ reason: Reason });

/** A tenant admin's or operator's approval of a version for live-venue profiles (after the card). */
export const ApproveModelBody = z.strictObject({ note: Reason });
