import { createCcxtExchange } from '../adapters/exchange/ccxt/create-ccxt-exchange.js';
import { CcxtMarketFeed } from '../adapters/market/venue/ccxt-market-feed.js';
import type { BackendEnv } from '../env.js';
import type { Clock } from '../ports/clock.js';
import type { MarketFeedProvider } from '../ports/market-data.js';

/** The venue id of the local exchange (Binance's protocol at LOCAL_EXCHANGE_URL). */
export const LOCAL_EXCHANGE_VENUE = 'localbinance';

/**
 * One market-data feed per venue (and mode), shared by every account and profile on it: market
 * data is public, so no keys are involved, and one feed keeps one set of streams and one share
 * of the venue's rate limit however many profiles trade there.
 */
export class VenueFeeds {
  private readonly feeds = new Map<string, Promise<CcxtMarketFeed>>();

  constructor(
    private readonly o: {
      clock: Clock;
      symbols: readonly string[];
      urlOverrides: Readonly<Record<string, string>>;
      onError?: (venue: string, where: string, error: unknown) => void;
    },
  ) {}

  /** The venue's feed, started (markets and history loaded) before it is handed out. */
  feedFor(venueId: string, sandbox: boolean): Promise<CcxtMarketFeed> {
    const key = `${venueId}:${sandbox ? 'sandbox' : 'live'}`;
    let feed = this.feeds.get(key);
    if (!feed) {
      const url = this.o.urlOverrides[venueId];
      const made = new CcxtMarketFeed({
        exchange: createCcxtExchange({
          exchangeId: url ? 'binance' : venueId,
          sandbox,
          urlOverride: url,
          pro: true,
        }),
        clock: this.o.clock,
        symbols: this.o.symbols,
        onError: (where, error) => this.o.onError?.(key, where, error),
      });
      feed = made.start().then(() => made);
      this.feeds.set(key, feed);
      // A venue that could not be reached is asked again by the next profile that needs it.
      feed.catch(() => this.feeds.delete(key));
    }
    return feed;
  }

  async dispose(): Promise<void> {
    const all = [...this.feeds.values()];
    this.feeds.clear();
    for (const f of all) await (await f.catch(() => null))?.dispose();
  }
}

/** The venue of a tenant's venue account (null: paper, or no longer connected). */
export type AccountVenueLookup = (
  tenantId: string,
  accountId: string,
) => Promise<{ venueId: string; sandbox: boolean } | null>;

/**
 * Which market each profile trades on. A profile on a connected venue account trades on that
 * venue's candles and prices; with `EXCHANGE=ccxt`, so do the profiles of the tenant the CCXT_*
 * keys trade for (CCXT_TENANT_ID). Every other profile (paper accounts, the demo) stays on the
 * simulated market.
 */
export function venueMarketFor(
  env: BackendEnv,
  o: { feeds: VenueFeeds; accountVenue: AccountVenueLookup },
): MarketFeedProvider {
  return async (profile) => {
    if (profile.venueAccountId) {
      const venue = await o.accountVenue(profile.tenantId, profile.venueAccountId);
      return venue ? o.feeds.feedFor(venue.venueId, venue.sandbox) : null;
    }
    if (env.EXCHANGE === 'ccxt' && profile.tenantId === env.CCXT_TENANT_ID)
      return o.feeds.feedFor(env.CCXT_EXCHANGE_ID ?? '', env.CCXT_SANDBOX);
    return null;
  };
}

/** Venue ids whose endpoints move to a local URL (the local exchange, when configured). */
export function venueUrlOverrides(env: BackendEnv): Record<string, string> {
  return env.LOCAL_EXCHANGE_URL ? { [LOCAL_EXCHANGE_VENUE]: env.LOCAL_EXCHANGE_URL } : {};
}
