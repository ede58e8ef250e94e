import type { Instrument, Timeframe, TradingProfile } from '@bytelyst/trading-contracts';

/**
 * Market data inside the engine is float64: prices here are observations and indicator inputs,
 * not money. They become exact fixed-point values, rounded to the instrument's tick, only where an
 * order is priced or a fill is booked.
 */
export interface Tick {
  readonly kind: 'tick';
  readonly symbol: string;
  readonly price: number;
  /** ms epoch */
  readonly at: number;
}

/** A closed candle. `openTime` is ms epoch; the candle covers [openTime, openTime + timeframe). */
export interface Bar {
  readonly kind: 'candle';
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export type MarketEvent = Tick | Bar;
export type MarketHandler = (event: MarketEvent) => void;

export interface MarketDataFeed {
  /** Begins producing events; resolves once the feed is live (or, for replay, when it has ended). */
  start(): Promise<void>;
  /** Stops producing events and releases timers/sockets. Safe to call twice. */
  dispose(): Promise<void>;
  /** Every tick and every closed candle of every timeframe the feed aggregates; returns unsubscribe. */
  subscribe(handler: MarketHandler): () => void;
  instruments(): readonly Instrument[];
  lastPrice(symbol: string): Tick | undefined;
  /** Most recent closed candles, oldest first, at most `limit`. */
  history(symbol: string, timeframe: Timeframe, limit: number): readonly Bar[];
}

/**
 * The market a profile trades on when it is not the engine's default one: its venue's own feed
 * (started), or null for the default market (paper accounts, the demo). Asked when a profile is
 * taken in or changed; feeds are shared, one per venue.
 */
export type MarketFeedProvider = (profile: TradingProfile) => Promise<MarketDataFeed | null>;

/**
 * A feed that replays recorded candles as fast as its consumer goes: each candle waits for the
 * async handler's work before the next is produced (a backtest, never a live market).
 */
export interface ReplayMarketFeed extends MarketDataFeed {
  subscribeAsync(handler: (bar: Bar) => Promise<void> | undefined): () => void;
  /**
   * Called as each candle opens, with the clock at its open time, before the candle closes and
   * is emitted (fills at the next open happen here). Awaited like `subscribeAsync`'s handlers.
   */
  subscribeOpen(handler: (symbol: string, open: number) => Promise<void> | undefined): () => void;
}

/** Candles of one symbol as columns: compact for millions of rows, no object per candle. */
export interface BarColumns {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}
