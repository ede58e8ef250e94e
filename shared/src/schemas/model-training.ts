import { z } from 'zod';
import { Id, Symbol, Timestamp } from '../primitives.js';
import { VenueName } from './market-data.js';
import { ClassifierMetrics, TrainingSettings } from './models.js';

/**
 * Training as a queued job (docs/MODELS.md, "Training jobs"): where the candles come from, how
 * the version is validated window by window, and the job's status as the surfaces poll it.
 */

/** The simulated market's seeded history (ending when the job was accepted) or a stored series. */
export const TrainingSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('simulated') }),
  /** A stored series of the caller's tenant: its last `candles` candles (the Data page). */
  z.strictObject({ kind: z.literal('stored'), venue: VenueName }),
]);
export type TrainingSource = z.infer<typeof TrainingSource>;

/**
 * How the validation windows are cut. `walk_forward`: the series is cut into `folds + 1` equal
 * blocks; window k trains on every candle before block k + 1 (expanding) and tests on that block.
 * `purged_kfold`: `folds` blocks, each tested by a model trained on all the others, with rows
 * whose label window reaches into the test block purged and `embargo` candles after it dropped.
 * Either way no training label reads a test candle.
 */
export const ValidationScheme = z.strictObject({
  kind: z.enum(['walk_forward', 'purged_kfold']).default('walk_forward'),
  folds: z.number().int().min(2).max(20).default(5),
});
export type ValidationScheme = z.infer<typeof ValidationScheme>;

export const CreateModelTrainingBody = z.strictObject({
  symbol: Symbol,
  timeframe: z.enum(['1m', '5m', '15m', '1h', '4h', '1d']).default('1m'),
  source: TrainingSource.default({ kind: 'simulated' }),
  /** Candles trained and tested on: the newest ones of the source. */
  candles: z.number().int().min(500).max(500_000).default(20_000),
  settings: TrainingSettings,
  validation: ValidationScheme.default({ kind: 'walk_forward', folds: 5 }),
});
export type CreateModelTrainingBody = z.infer<typeof CreateModelTrainingBody>;

/** One validation window: the candles it trained and tested on, and its out-of-sample metrics. */
export const ValidationWindow = z.strictObject({
  index: z.number().int().nonnegative(),
  trainRows: z.number().int().nonnegative(),
  testFrom: Timestamp,
  testTo: Timestamp,
  metrics: ClassifierMetrics,
});
export type ValidationWindow = z.infer<typeof ValidationWindow>;

export const ValidationReport = z.strictObject({
  scheme: ValidationScheme,
  windows: z.array(ValidationWindow).max(20),
  /** Every window's test rows pooled: one set of metrics over all out-of-sample predictions. */
  pooled: ClassifierMetrics,
  /** Mean and spread of AUC and log loss across windows (how stable the model is in time). */
  meanAuc: z.number(),
  stdAuc: z.number(),
  meanLogLoss: z.number(),
});
export type ValidationReport = z.infer<typeof ValidationReport>;

export const ModelTrainingStatus = z.enum([
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
]);
export type ModelTrainingStatus = z.infer<typeof ModelTrainingStatus>;

/** Why a training job failed (closed list; the message says the specifics). */
export const ModelTrainingErrorCode = z.enum([
  'FEATURE_LOOKS_AHEAD',
  'TRAINING_DATA_TOO_SHORT',
  'DATA_UNAVAILABLE',
  'WORKER_FAILED',
]);
export type ModelTrainingErrorCode = z.infer<typeof ModelTrainingErrorCode>;

export const ModelTrainingJob = z.strictObject({
  id: Id,
  tenantId: z.string(),
  userId: z.string(),
  request: CreateModelTrainingBody,
  status: ModelTrainingStatus,
  /** 0..1 while running: the validation windows, then the final fit and its card. */
  progress: z.number().min(0).max(1),
  /** What the job is doing now, for the progress bar's label. */
  stage: z.string().max(200).nullable(),
  errorCode: ModelTrainingErrorCode.nullable(),
  error: z.string().max(500).nullable(),
  /** The version registered (succeeded jobs); the same data, seed and settings give the same id. */
  versionId: z.string().nullable(),
  validation: ValidationReport.nullable(),
  /** The end of the simulated history (fixed at acceptance, so a retry trains on the same candles). */
  dataEnd: Timestamp,
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
});
export type ModelTrainingJob = z.infer<typeof ModelTrainingJob>;
