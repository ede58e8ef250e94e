import type { Instrument, SlippageModel } from '@bytelyst/trading-contracts';
import type { Clock } from '../../../ports/clock.js';
import type { PaperVenueStore } from './paper-persistence.js';

/** How a PaperExchange trades: fees, slippage, fill timing, latency, faults, durability. */
export interface PaperExchangeOptions {
  readonly clock: Clock;
  readonly instruments: readonly Instrument[];
  /** Fee rates as decimal fractions, e.g. "0.001" = 10 bp. */
  readonly takerFeeRate?: string;
  readonly makerFeeRate?: string;
  /** Market orders fill this many basis points worse than the last price. */
  readonly slippageBps?: number;
  /**
   * Replaces `slippageBps` when set: `range_bps` slips by bps of the range (high - low) of the
   * last candle closed before the order was placed (see `setCandle`).
   */
  readonly slippageModel?: SlippageModel;
  /**
   * `next_open`: a market order waits for the next candle's open (`openCandle`) and fills
   * there; `immediate` (default) fills at the last price when it arrives.
   */
  readonly marketFills?: 'immediate' | 'next_open';
  /**
   * Refuse a market buy whose cost at its fill price, fee included, exceeds the account's cash
   * (REJECTED, INSUFFICIENT_FUNDS): a backtest's account is its profile's capital, and a gap to
   * the next open can cost more than the pre-trade gate could bound.
   */
  readonly checkCash?: boolean;
  /** Push reports arrive this many ms (on the clock) after the event; 0 = at once. */
  readonly latencyMs?: number;
  /** Market orders fill in this many parts (>= 1), to exercise partial fills. */
  readonly marketFillParts?: number;
  /** A resting limit order fills at most this fraction of its remainder per price update. */
  readonly limitFillRatio?: string;
  readonly quoteCurrency?: string;
  readonly startingCash?: string;
  /**
   * Makes the venue durable: accounts, orders and fills are written here before the venue
   * answers or reports, and an account is reloaded when a client connects to it.
   */
  readonly store?: PaperVenueStore;
}
