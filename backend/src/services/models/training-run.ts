import type { ModelTrainingErrorCode, ValidationReport } from '@bytelyst/trading-contracts';
import {
  type Dataset,
  FeatureLeakError,
  buildDataset,
  builtInDataset,
} from '../../domain/models/dataset.js';
import type { FeatureDefinition } from '../../domain/models/features.js';
import {
  EmptyTrainingSetError,
  testStartIndex,
  trainOnDataset,
} from '../../domain/models/model.js';
import { validateWindows } from '../../domain/models/validation.js';
import type { ModelCardBacktester } from '../../ports/model-versions.js';
import {
  TrainingFailed,
  type TrainingInput,
  type TrainingOutput,
  type TrainingProgress,
} from './model-trainer.js';

const isoOf = (ms: number) => new Date(ms).toISOString();

/**
 * One training job's work, on whatever thread runs it: the leakage-checked dataset (built once),
 * a model per validation window, the final model on the purged split (the artifact the registry
 * stores: the same as `POST /api/models` would train on these candles) and its card's backtest.
 * `features` replaces the built-in feature streams (tests hand it a feature that looks ahead).
 */
export async function runTraining(
  input: TrainingInput,
  o: {
    cardBacktest: ModelCardBacktester;
    onProgress: TrainingProgress;
    features?: readonly FeatureDefinition[];
  },
): Promise<TrainingOutput> {
  const { settings, validation: scheme } = input;
  const cols = { symbol: input.symbol, timeframe: input.timeframe, ...input.candles };
  const n = cols.close.length;
  try {
    o.onProgress(0.02, 'Checking features for look-ahead');
    const data: Dataset = o.features
      ? buildDataset(cols, o.features, settings)
      : builtInDataset(cols, settings.features, settings);
    o.onProgress(0.1, `Validating on ${scheme.folds} windows`);
    const result = validateWindows(data, {
      candles: n,
      scheme,
      settings,
      onWindow: (done, total) =>
        o.onProgress(0.1 + (0.7 * done) / total, `Window ${done} of ${total} measured`),
    });
    o.onProgress(0.82, 'Fitting the final model');
    const model = trainOnDataset(cols, data, { settings });
    o.onProgress(0.9, "Backtesting the card's test stretch");
    const card = await o.cardBacktest({
      cols,
      fromIndex: testStartIndex(n, settings),
      model,
    });
    const report: ValidationReport = {
      scheme,
      windows: result.windows.map((w) => ({
        index: w.index,
        trainRows: w.trainRows,
        testFrom: isoOf(cols.time[w.testFrom] ?? 0),
        testTo: isoOf(cols.time[w.testTo] ?? 0),
        metrics: w.metrics,
      })),
      pooled: result.pooled,
      meanAuc: result.meanAuc,
      stdAuc: result.stdAuc,
      meanLogLoss: result.meanLogLoss,
    };
    return { model, validation: report, card };
  } catch (error) {
    const code = failureCode(error);
    if (code) throw new TrainingFailed(code, (error as Error).message);
    throw error;
  }
}

const failureCode = (error: unknown): ModelTrainingErrorCode | null =>
  error instanceof FeatureLeakError
    ? 'FEATURE_LOOKS_AHEAD'
    : error instanceof EmptyTrainingSetError
      ? 'TRAINING_DATA_TOO_SHORT'
      : null;
