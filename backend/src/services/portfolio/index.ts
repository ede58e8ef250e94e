import type { Instrument, Portfolio, PriceTick, TradingProfile } from '@bytelyst/trading-contracts';
import type { EngineEvents } from '../../engine/events.js';
import type { LedgerBooks } from '../../domain/portfolio/valuation.js';
import type { Store } from '../../ports/store.js';
import type { PositionsView } from '../positions-view.js';
import { AnalyticsService } from './analytics-service.js';
import { EquitySeriesService } from './equity-series-service.js';
import { MarkBook } from './mark-book.js';
import { PortfolioLive } from './portfolio-live.js';
import { PortfolioService } from './portfolio-service.js';

export { AnalyticsService, EquitySeriesService, MarkBook, PortfolioLive, PortfolioService };

/** Builds the valuation services over one market's marks; `start` begins the live revaluation. */
export function createPortfolio(o: {
  store: Store;
  events: EngineEvents;
  positions: PositionsView;
  instruments: readonly Instrument[];
  prices: readonly PriceTick[];
  owns: (tenantId: string) => boolean;
  owned: () => readonly string[];
  profiles: (tenantId: string) => Promise<TradingProfile[]>;
  now: () => number;
  staleAfterMs: number;
  /** Clock time between live revaluations (default 1 s). */
  everyMs?: number;
  settledBooks?: (
    tenantId: string,
    only?: readonly string[],
  ) => ReadonlyMap<string, LedgerBooks> | null;
}) {
  const marks = new MarkBook(o.instruments, o.prices);
  const portfolio = new PortfolioService({ ...o, marks });
  const equitySeries = new EquitySeriesService({ store: o.store, portfolio, now: o.now });
  const analytics = new AnalyticsService({
    store: o.store,
    portfolio,
    profiles: o.profiles,
    now: o.now,
  });
  const live = (
    publish: (target: { tenantId: string; userId: string }, payload: Portfolio) => void,
    opts: {
      onError?: (err: unknown) => void;
      /** Users with a socket open (the gateway's presence); absent: every user. */
      watching?: (tenantId: string) => ReadonlySet<string>;
    } = {},
  ) =>
    new PortfolioLive({
      events: o.events,
      portfolio,
      marks,
      positions: o.positions,
      profiles: o.profiles,
      publish,
      owned: o.owned,
      now: o.now,
      everyMs: o.everyMs ?? 1000,
      ...(opts.onError ? { onError: opts.onError } : {}),
      ...(opts.watching ? { watching: opts.watching } : {}),
    });
  return { marks, portfolio, equitySeries, analytics, live };
}
