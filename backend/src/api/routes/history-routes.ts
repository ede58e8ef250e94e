import { AppError } from '@bytelyst/trading-contracts';
import type { RouteHandlers } from '../http/route-context.js';
import type { ApiDeps } from './deps.js';
import { marketOf } from './venue-market.js';
import { pricesOf, toCandle } from '../../engine/market-wire.js';
import { assertProfileVisible, onlyVisible, visibleProfileIds } from './visibility.js';

type HistoryRoutes = Pick<
  RouteHandlers,
  'positions' | 'orders' | 'trades' | 'ledger' | 'equity' | 'decisions' | 'prices' | 'candles'
>;

/**
 * Reads of a tenant's trading state. The scope comes from the token; a profile filter the caller
 * may not see answers 404, and a user's unfiltered lists keep only their own profiles' rows.
 */
export const historyRoutes = (deps: ApiDeps): HistoryRoutes => {
  const filterFor = async (
    principal: Parameters<typeof visibleProfileIds>[1],
    profileId: string | undefined,
  ) => {
    if (profileId) await assertProfileVisible(deps.profiles, principal, profileId);
    return visibleProfileIds(deps.profiles, principal);
  };
  const ids = (visible: ReadonlySet<string> | null) => (visible ? [...visible] : null);
  return {
    positions: async ({ scope, principal, query }) => {
      const visible = await filterFor(principal, query.profileId);
      const rows = await deps.portfolio.positions(scope.tenantId, query.profileId);
      return { items: onlyVisible(rows, visible) };
    },
    // A user's rows are selected in the query (onlyProfiles), so every page is full; the
    // onlyVisible pass after it is a second guard that must never remove anything.
    orders: async ({ scope, principal, query }) => {
      const visible = await filterFor(principal, query.profileId);
      const page = await deps.store.listOrders(scope, { ...query, onlyProfiles: ids(visible) });
      return { items: onlyVisible(page.items, visible), nextCursor: page.nextCursor };
    },
    trades: async ({ scope, principal, query }) => {
      const visible = await filterFor(principal, query.profileId);
      const page = await deps.store.listTrades(scope, { ...query, onlyProfiles: ids(visible) });
      return { items: onlyVisible(page.items, visible), nextCursor: page.nextCursor };
    },
    ledger: async ({ scope, principal, query }) => {
      const visible = await filterFor(principal, query.profileId);
      const page = await deps.store.listLedger(scope, {
        profileId: query.profileId,
        cursor: query.cursor,
        limit: query.limit,
        onlyProfiles: ids(visible),
      });
      return { items: onlyVisible(page.items, visible), nextCursor: page.nextCursor };
    },
    equity: async ({ scope, principal, query }) => {
      const visible = await filterFor(principal, query.profileId);
      const page = await deps.store.listEquity(scope, {
        profileId: query.profileId,
        limit: 500,
        since: query.since,
        onlyProfiles: ids(visible),
      });
      // The store pages newest first; charts want time order.
      return { items: onlyVisible(page.items, visible).reverse() };
    },
    decisions: async ({ scope, principal, query }) => {
      const visible = await filterFor(principal, query.profileId);
      const page = await deps.store.listDecisions(scope, { ...query, onlyProfiles: ids(visible) });
      return { items: onlyVisible(page.items, visible), nextCursor: page.nextCursor };
    },
    prices: async ({ scope, principal, query, requestId }) => {
      const venue = await marketOf(deps, { scope, principal, requestId, account: query.account });
      if (!venue) return { prices: deps.engine.prices(), instruments: deps.engine.instruments() };
      return { prices: pricesOf(venue), instruments: [...venue.instruments()] };
    },
    candles: async ({ scope, principal, query, requestId }) => {
      const venue = await marketOf(deps, { scope, principal, requestId, account: query.account });
      const instruments = venue ? venue.instruments() : deps.engine.instruments();
      if (!instruments.some((i) => i.symbol === query.symbol))
        throw new AppError('NOT_FOUND', `Unknown symbol ${query.symbol}.`);
      if (!venue) return { items: deps.engine.candles(query.symbol, query.timeframe, query.limit) };
      return { items: venue.history(query.symbol, query.timeframe, query.limit).map(toCandle) };
    },
  };
};
