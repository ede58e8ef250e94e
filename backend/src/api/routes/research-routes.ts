import type { RouteHandlers } from '../http/route-context.js';
import type { ApiDeps } from './deps.js';
import { backtestAccess, refuseModelStrategy } from './backtest-routes.js';
import { assertKnownSymbols } from './profile-routes.js';

type ResearchRoutes = Pick<
  RouteHandlers,
  | 'createSearch'
  | 'listSearches'
  | 'getSearch'
  | 'listSearchTrials'
  | 'cancelSearch'
  | 'compareBacktests'
>;

/** Parameter searches and run comparison: the backtest flags gate them, each user's own only. */
export const researchRoutes = (deps: ApiDeps): ResearchRoutes => {
  const requireAccess = backtestAccess(deps);
  const owner = (p: { tenantId: string; userId: string }) => ({
    tenantId: p.tenantId,
    userId: p.userId,
  });
  return {
    createSearch: async ({ principal, body }) => {
      requireAccess(principal.role);
      assertKnownSymbols(deps, [body.base.symbol]);
      refuseModelStrategy(body.base.strategy.strategy, 'body.base.strategy.strategy');
      return deps.searches.submit(owner(principal), body);
    },
    listSearches: async ({ principal }) => {
      requireAccess(principal.role);
      return { items: await deps.searches.list(owner(principal)) };
    },
    getSearch: async ({ principal, params }) => {
      requireAccess(principal.role);
      return deps.searches.get(owner(principal), params.id);
    },
    listSearchTrials: async ({ principal, params }) => {
      requireAccess(principal.role);
      return { items: await deps.searches.trials(owner(principal), params.id) };
    },
    cancelSearch: async ({ principal, params }) => {
      requireAccess(principal.role);
      return deps.searches.cancel(owner(principal), params.id);
    },
    compareBacktests: async ({ principal, query }) => {
      requireAccess(principal.role);
      // Each run is fetched as its owner's (another user's id answers NOT_FOUND).
      const ids = [...new Set(query.ids.split(','))];
      const runs = await Promise.all(ids.map((id) => deps.backtests.get(owner(principal), id)));
      return { runs: runs.map(({ trades: _t, prices: _p, ...run }) => run) };
    },
  };
};
