import type {
  ModelCardBacktest,
  ModelTrainingErrorCode,
  Timeframe,
  TrainingSettings,
  ValidationReport,
  ValidationScheme,
} from '@bytelyst/trading-contracts';
import type { TrainedModel } from '../../domain/models/model.js';
import type { StoredCandleColumns } from '../backtest/backtest-messages.js';

/** What one training job computes: the candles, the settings, how to validate. */
export interface TrainingInput {
  symbol: string;
  timeframe: Timeframe;
  candles: StoredCandleColumns;
  settings: TrainingSettings;
  validation: ValidationScheme;
}

/** The job's product: the model as the registry stores it, its windows and its card's backtest. */
export interface TrainingOutput {
  model: TrainedModel;
  validation: ValidationReport;
  card: ModelCardBacktest;
}

export type TrainingProgress = (progress: number, stage: string) => void;

/** Runs training off the API's thread; `signal` stops it (the worker is terminated). */
export interface ModelTrainer {
  train(
    input: TrainingInput,
    o: { onProgress: TrainingProgress; signal: AbortSignal },
  ): Promise<TrainingOutput>;
  close(): Promise<void>;
}

/** The data cannot train this model (a feature looks ahead, too few rows): not retried. */
export class TrainingFailed extends Error {
  constructor(
    readonly code: ModelTrainingErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What the main thread tells a training worker, and what it answers. */
export type TrainWorkerCommand = { kind: 'train'; input: TrainingInput };
export type TrainWorkerMessage =
  | { kind: 'progress'; progress: number; stage: string }
  | { kind: 'done'; output: TrainingOutput }
  | { kind: 'failed'; code: ModelTrainingErrorCode; error: string };
