import type { CandleSeries, Timeframe } from '@bytelyst/trading-contracts';
import type { BarColumns } from './market-data.js';
import type { TenantScope } from './store.js';

/** One stored series: a tenant's candles of a symbol at a venue and timeframe. */
export interface CandleSeriesRef {
  readonly symbol: string;
  readonly venue: string;
  readonly timeframe: Timeframe;
}

/** Candle open times [from, to) in epoch ms; null = unbounded. */
export interface CandleRange {
  readonly from: number | null;
  readonly to: number | null;
}

/**
 * Reads a range of a stored series as columns, oldest first: what a backtest replays, and what a
 * parameter search or walk-forward reads once per window. Prices come back as floats for the
 * replay (the store keeps them as NUMERIC).
 */
export interface CandleRangeReader {
  readCandles(
    scope: TenantScope,
    input: CandleSeriesRef & CandleRange & { maxCandles: number },
  ): Promise<BarColumns>;
}

/** Columns to write: open time (ms, increasing, unique) and prices, as the CSV parser yields. */
export interface CandleColumns {
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** How many of the columns' leading entries to write (defaults to their length). */
  readonly rows?: number;
}

export interface CandleWriteResult {
  /** Candles written. */
  readonly stored: number;
  /** Candles whose open time the series already had (the stored one is kept). */
  readonly alreadyStored: number;
  /** The series after the write. */
  readonly series: CandleSeries | null;
}

/** The market data store (migration 0021): candles per tenant, and a summary per series. */
export interface CandleStore extends CandleRangeReader {
  /**
   * Writes the candles in one transaction, all or nothing, then refreshes the series summary in
   * the same transaction. `onProgress` gets the count written so far.
   */
  writeCandles(
    scope: TenantScope,
    input: CandleSeriesRef & { candles: CandleColumns; onProgress?: (stored: number) => void },
  ): Promise<CandleWriteResult>;
  listSeries(scope: TenantScope): Promise<CandleSeries[]>;
  getSeries(scope: TenantScope, ref: CandleSeriesRef): Promise<CandleSeries | null>;
  deleteSeries(scope: TenantScope, ref: CandleSeriesRef): Promise<number>;
}
