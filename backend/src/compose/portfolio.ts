import type { SqlStore } from '../adapters/store/index.js';
import type { TradingEngine } from '../engine/index.js';
import type { MarketDataFeed } from '../ports/market-data.js';
import { PositionsView } from '../services/positions-view.js';
import { createPortfolio } from '../services/portfolio/index.js';
import { ProfileDirectory } from '../services/profile-directory.js';
import type { ChangeBus } from '../ports/change-bus.js';
import type { ProcessContext } from './config.js';
import type { TenantLoops } from './tenant-loops.js';

/** What the API and the live pushes read about the books: profiles, positions, valuation. */
export interface PortfolioReads {
  readonly profiles: ProfileDirectory;
  readonly positions: PositionsView;
  readonly books: ReturnType<typeof createPortfolio>;
}

/**
 * Read models over the store and the engine's events. For tenants whose loop runs here they
 * read the engine's settled books; a lost lease drops the tenant from them.
 */
export function composePortfolio(
  ctx: ProcessContext,
  parts: {
    store: SqlStore;
    bus: ChangeBus;
    market: MarketDataFeed;
    engine: TradingEngine;
    loops: TenantLoops;
  },
): PortfolioReads {
  const { store, engine, loops } = parts;
  const profiles = new ProfileDirectory({ store, bus: parts.bus });
  const positions = new PositionsView({ store, owns: loops.owns });
  engine.events.on('event', (e) => positions.onEngineEvent(e));
  const books = createPortfolio({
    store,
    events: engine.events,
    positions,
    instruments: parts.market.instruments(),
    prices: engine.prices(),
    owns: loops.owns,
    owned: loops.held,
    profiles: (t) => profiles.profiles(t),
    now: () => ctx.clock.now(),
    staleAfterMs: ctx.staleMs,
    settledBooks: (t, only) => engine.books(t).settled(only),
  });
  loops.leases.onLost((tenantId) => {
    positions.drop(tenantId);
    books.portfolio.drop(tenantId);
  });
  return { profiles, positions, books };
}
