import type { VenueTag } from '@bytelyst/trading-contracts';
import type { PaperExchange } from '../adapters/exchange/paper/paper-exchange.js';
import type { SqlStore } from '../adapters/store/index.js';
import { createTradingEngine, type TradingEngine } from '../engine/index.js';
import type { ModelLookup } from '../domain/strategies/model-strategy.js';
import type { MarketDataFeed } from '../ports/market-data.js';
import type { ProcessContext } from './config.js';
import { type VenueAccountOpener, executionFor } from './venue.js';
import { type AccountVenueLookup, type VenueFeeds, venueMarketFor } from './venue-feeds.js';

/** The trading engine on this process's clock, market, venue and journal. */
export function composeEngine(
  ctx: ProcessContext,
  parts: {
    store: SqlStore;
    market: MarketDataFeed;
    exchange: PaperExchange;
    models: ModelLookup;
    venueAccounts: VenueAccountOpener;
    /** The venue feeds profiles on a venue trade on (venue-feeds.ts). */
    venueFeeds: VenueFeeds;
    accountVenue: AccountVenueLookup;
    /** The venue and label of a venue account, stamped on its orders. */
    venueTagOf: (tenantId: string, accountId: string) => Promise<VenueTag>;
  },
): TradingEngine {
  const marketFor = venueMarketFor(ctx.env, {
    feeds: parts.venueFeeds,
    accountVenue: parts.accountVenue,
  });
  const { env, clock, instanceId, logger } = ctx;
  const { market } = parts;
  return createTradingEngine({
    clock,
    market,
    execution: executionFor(env, {
      paper: parts.exchange,
      clock,
      symbols: market.instruments().map((i) => i.symbol),
      instanceId,
      venueAccounts: parts.venueAccounts,
    }),
    journal: parts.store.journal,
    instanceId,
    models: parts.models,
    marketFor,
    venueTagOf: parts.venueTagOf,
    venueFeeds: () => parts.venueFeeds.states(),
    logger: logger.child({ component: 'engine' }),
    config: {
      productMaxAgeMs: env.PLATFORM_STATUS_MAX_AGE_MS,
      marketStaleMs: ctx.staleMs,
      persistHoldDecisions: true,
      equitySnapshotEveryMs: 60_000,
      fillAlerts: true,
    },
  });
}
