import { z } from 'zod';
import { BacktestStatistics } from './backtest.js';
import { ClassifierMetrics, FeatureIdSchema, ModelKind, TrainingSettings } from './models.js';

// Apart from models.ts: a version's card holds backtest statistics, and backtest.ts reaches
// models.ts through the strategies' params.

/** The version's out-of-sample backtest (next-open fills), run once when it is trained. */
export const ModelCardBacktest = z.strictObject({
  /** The first candle traded (the first test candle: no training candle is replayed). */
  from: z.string(),
  candles: z.number().int(),
  capital: z.string(),
  statistics: BacktestStatistics,
  /** Downsampled (min/max kept), epoch ms and equity. */
  equity: z.array(z.strictObject({ at: z.number(), equity: z.number() })).max(2_000),
});
export type ModelCardBacktest = z.infer<typeof ModelCardBacktest>;

/** A model version in the registry, as the API answers it (the fitted parameters stay inside). */
export const ModelVersion = z.strictObject({
  id: z.string(),
  tenantId: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  kind: ModelKind,
  features: z.array(FeatureIdSchema),
  settings: TrainingSettings,
  window: z.strictObject({
    from: z.string(),
    to: z.string(),
    trainRows: z.number().int(),
    testRows: z.number().int(),
  }),
  metrics: z.strictObject({ inSample: ClassifierMetrics, outOfSample: ClassifierMetrics }),
  /** SHA-256 of the canonical JSON of the trained model and of the candles it was trained on. */
  checksum: z.string(),
  dataChecksum: z.string(),
  disabledAt: z.string().nullable(),
  disabledBy: z.string().nullable(),
  disabledReason: z.string().nullable(),
  /** Approved for live-venue profiles: by whom, when, with what note. Paper needs none. */
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvalNote: z.string().nullable(),
  /** Mean |contribution| to the log-odds per feature on the test rows, in `features` order. */
  importance: z.array(z.number()).nullable(),
  /** The out-of-sample backtest; null for versions trained before cards were kept. */
  backtest: ModelCardBacktest.nullable(),
});
export type ModelVersion = z.infer<typeof ModelVersion>;
