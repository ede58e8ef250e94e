import ccxt, { type Exchange } from 'ccxt';
import { AppError } from '@bytelyst/trading-contracts';
import type {
  VenueCandle,
  VenueCandleSource,
  VenueCandleSources,
} from '../../../ports/venue-candles.js';
import { classifyVenueError } from './classify.js';
import { createCcxtExchange } from './create-ccxt-exchange.js';
import { toCcxtSymbol } from './mapping.js';

export interface CcxtCandleSourcesOptions {
  /** Per venue id, a base URL replacing the venue's REST endpoints (the local exchange). */
  readonly urlOverrides?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /** Tries of one page refused as too many requests (or lost) before the import fails. */
  readonly attempts?: number;
  /** Wait before a retry, ms (doubled each time; ccxt's own throttle paces normal calls). */
  readonly retryMs?: number;
  /** Candles per request; default the venue's usual maximum (1000 on Binance). */
  readonly pageLimit?: number;
}

/**
 * Public OHLCV history through ccxt's `fetchOHLCV`, no keys. One ccxt instance per venue for the
 * whole process, so its rate limiter (`enableRateLimit`) paces every import to that venue
 * together; a 429 or a lost answer is retried after a growing wait, anything else fails the page.
 */
export class CcxtCandleSources implements VenueCandleSources {
  private readonly exchanges = new Map<string, Exchange>();

  constructor(private readonly o: CcxtCandleSourcesOptions = {}) {}

  source(venue: string): VenueCandleSource {
    const exchange = this.exchange(venue);
    const attempts = this.o.attempts ?? 4;
    const retryMs = this.o.retryMs ?? 1_000;
    return {
      pageLimit: this.o.pageLimit ?? 1000,
      fetchCandles: async ({ symbol, timeframe, since, limit }) => {
        for (let attempt = 1; ; attempt++) {
          try {
            const rows = await exchange.fetchOHLCV(toCcxtSymbol(symbol), timeframe, since, limit);
            return rows.map(toCandle);
          } catch (error) {
            const e = classifyVenueError(error, 'read');
            if (e.kind !== 'retryable' || attempt >= attempts)
              throw new AppError(
                e.kind === 'retryable' ? 'EXCHANGE_UNAVAILABLE' : 'UNPROCESSABLE',
                `${venue} refused the candle request (${e.venueCode}); nothing was stored.`,
                { cause: error },
              );
            await new Promise((r) => setTimeout(r, retryMs * 2 ** (attempt - 1)));
          }
        }
      },
    };
  }

  private exchange(venue: string): Exchange {
    const known = this.exchanges.get(venue);
    if (known) return known;
    const url = this.o.urlOverrides?.[venue];
    if (!url && !ccxt.exchanges.includes(venue))
      throw new AppError('NOT_FOUND', `No venue "${venue}" to import candles from.`);
    const exchange = createCcxtExchange({
      exchangeId: url ? 'binance' : venue,
      sandbox: false,
      urlOverride: url,
    });
    if (!exchange.has.fetchOHLCV)
      throw new AppError('UNPROCESSABLE', `${venue} does not publish candle history.`);
    if (this.o.timeoutMs) exchange.timeout = this.o.timeoutMs;
    this.exchanges.set(venue, exchange);
    return exchange;
  }
}

const toCandle = (r: readonly (number | undefined)[]): VenueCandle => [
  Number(r[0]),
  Number(r[1]),
  Number(r[2]),
  Number(r[3]),
  Number(r[4]),
  Number(r[5] ?? 0),
];
