import type { Timeframe } from '@bytelyst/trading-contracts';

/** One candle as a venue sends it: open time (ms), open, high, low, close, volume. */
export type VenueCandle = readonly [number, number, number, number, number, number];

/** A venue's public OHLCV history (no keys needed), one page at a time. */
export interface VenueCandleSource {
  /** Most candles one request returns. */
  readonly pageLimit: number;
  /**
   * Candles opening at or after `since`, at most `limit`, oldest first. Waits out the venue's
   * rate limit (throttling between calls, and retrying a refusal for too many requests).
   */
  fetchCandles(input: {
    symbol: string;
    timeframe: Timeframe;
    since: number;
    limit: number;
  }): Promise<VenueCandle[]>;
}

/** The venues market data can be imported from, by venue id. */
export interface VenueCandleSources {
  /** Throws a NOT_FOUND AppError for a venue it does not know. */
  source(venue: string): VenueCandleSource;
}
