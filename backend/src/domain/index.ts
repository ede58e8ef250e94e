/** The pure domain, for consumers that compute beside the engine (benchmarks' baselines, tools). */
export { Ema, Rsi, Sma } from './strategies/indicators/moving-averages.js';
export { type Fixed, SCALE, formatFixed, parseFixed } from './money/fixed.js';
export { parseCandleCsv, type ParsedCandleCsv } from './market/candle-csv.js';
export { parseTimestamp } from './market/timestamps.js';
