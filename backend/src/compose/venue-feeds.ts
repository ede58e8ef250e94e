import { createCcxtExchange } from '../adapters/exchange/ccxt/create-ccxt-exchange.js';
import { CcxtMarketFeed } from '../adapters/market/venue/ccxt-market-feed.js';
import type { BackendEnv } from '../env.js';
import type { Clock } from '../ports/clock.js';
import type { MarketFeedProvider } from '../ports/market-data.js';
import type { VenueFeedState } from '@bytelyst/trading-contracts';
import { type FeedFacts, venueFeedState } from '../domain/venues/venue-feed-state.js';

/** The venue id of the local exchange (Binance's protocol at LOCAL_EXCHANGE_URL). */
export const LOCAL_EXCHANGE_VENUE = 'localbinance';

/** How long a venue may stay silent after start before it counts as not answering. */
const DEFAULT_SILENCE_MS = 15_000;

interface FeedEntry {
  readonly venueId: string;
  readonly feed: Promise<CcxtMarketFeed>;
  facts: FeedFacts | null;
  started: CcxtMarketFeed | null;
}

/**
 * One market-data feed per venue (and mode), shared by every account and profile on it: market
 * data is public, so no keys are involved, and one feed keeps one set of streams and one share
 * of the venue's rate limit however many profiles trade there. `states()` is each feed's health
 * for the bot state, `/metrics` and the outage alert (a failed start is kept there until the
 * next profile that needs the venue tries again).
 */
export class VenueFeeds {
  private readonly feeds = new Map<string, FeedEntry>();
  private readonly failed = new Map<string, { venueId: string; facts: FeedFacts }>();

  constructor(
    private readonly o: {
      clock: Clock;
      symbols: readonly string[];
      urlOverrides: Readonly<Record<string, string>>;
      onError?: (venue: string, where: string, error: unknown) => void;
      /** The feeds' silence bound (real ms); default 15 s. */
      silenceMs?: number;
      /** Real time, for the silence bound (tests move it). */
      now?: () => number;
    },
  ) {}

  /** The venue's feed, started (markets and history loaded) before it is handed out. */
  feedFor(venueId: string, sandbox: boolean): Promise<CcxtMarketFeed> {
    const key = `${venueId}:${sandbox ? 'sandbox' : 'live'}`;
    const known = this.feeds.get(key);
    if (known) return known.feed;
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
      silenceMs: this.silenceMs(),
      onError: (where, error) => this.o.onError?.(key, where, error),
    });
    const entry: FeedEntry = {
      venueId,
      feed: made.start().then(() => made),
      facts: { kind: 'starting', since: this.now() },
      started: null,
    };
    this.feeds.set(key, entry);
    entry.feed.then(
      () => {
        entry.started = made;
        entry.facts = null;
        this.failed.delete(key);
      },
      (error: unknown) => {
        // A venue that could not be reached is asked again by the next profile that needs it;
        // until then its failure is what the surfaces show.
        this.feeds.delete(key);
        this.failed.set(key, {
          venueId,
          facts: { kind: 'failed', since: this.now(), error: errorText(error) },
        });
        void made.dispose();
      },
    );
    return entry.feed;
  }

  /** Every feed this instance holds or failed to start, as the surfaces show it. */
  states(): VenueFeedState[] {
    const now = this.now();
    const silenceMs = this.silenceMs();
    const out: VenueFeedState[] = [];
    for (const [feed, e] of this.feeds) {
      const facts: FeedFacts = e.started
        ? { kind: 'started', health: e.started.health() }
        : (e.facts ?? { kind: 'starting', since: now });
      out.push(venueFeedState({ feed, venueId: e.venueId, facts, now, silenceMs }));
    }
    for (const [feed, f] of this.failed)
      if (!this.feeds.has(feed))
        out.push(venueFeedState({ feed, venueId: f.venueId, facts: f.facts, now, silenceMs }));
    return out.sort((a, b) => a.feed.localeCompare(b.feed));
  }

  async dispose(): Promise<void> {
    const all = [...this.feeds.values()];
    this.feeds.clear();
    this.failed.clear();
    for (const e of all) await (await e.feed.catch(() => null))?.dispose();
  }

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  private silenceMs(): number {
    return this.o.silenceMs ?? DEFAULT_SILENCE_MS;
  }
}

const errorText = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 120);

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
