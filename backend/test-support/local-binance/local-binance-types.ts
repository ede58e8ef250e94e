import type { Clock } from '../../src/ports/clock.js';

export interface LocalBinanceAccount {
  apiKey: string;
  secret: string;
  /** The paper venue account behind this key (a tenant's venue account). */
  accountId: string;
  /** What GET /sapi/v1/account/apiRestrictions answers. */
  canWithdraw?: boolean;
}

/**
 * `drop-before`: the request is swallowed and never processed; `drop-after`: it is processed
 * (the order lands) and the answer is swallowed. Either way the caller sees a timeout.
 */
export type LocalBinanceFault = 'drop-before' | 'drop-after' | 'rate-limit' | 'unavailable';

export interface LoggedRequest {
  method: string;
  path: string;
  /** The X-MBX-APIKEY header as sent (null on public calls). */
  apiKey: string | null;
  /** The account the key opened, if any. */
  accountId: string | null;
  /** newClientOrderId or origClientOrderId, on order calls. */
  clientOrderId: string | null;
  status: number;
  at: number;
}

export interface LocalBinanceOptions {
  clock?: Clock;
  seed?: number;
  startingCash?: string;
  /** Request weight per IP address and minute before 429s (Binance's REQUEST_WEIGHT). */
  weightPerMinute?: number;
  /** Fills a market order comes in (partial fills). */
  marketFillParts?: number;
  /** Let the simulated market move prices (demo); off: prices only from `setPrice` (tests). */
  livePrices?: boolean;
  /**
   * The clock signatures' timestamps are checked against (default `clock`). Tests that run the
   * market on a test clock keep ccxt's signatures on the wall clock, as a real venue does.
   */
  authClock?: Clock;
  /** How often, in real ms, the market catches up with the clock and streams push (0 = never). */
  pumpMs?: number;
}
