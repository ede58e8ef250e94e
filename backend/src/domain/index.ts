/** The pure domain, for consumers that compute beside the engine (benchmarks' baselines, tools). */
export { Ema, Rsi, Sma } from './strategies/indicators/moving-averages.js';
export { type Fixed, SCALE, formatFixed, parseFixed } from './money/fixed.js';
export { CandleCsvParser, parseCandleCsv, type ParsedCandleCsv } from './market/candle-csv.js';
export { parseTimestamp } from './market/timestamps.js';
export { FeatureRow } from './models/features.js';
export { trainModel, logOddsOf, canonicalJson, type TrainedModel } from './models/model.js';
export type { ModelLookup, ModelVersionState } from './strategies/model-strategy.js';
