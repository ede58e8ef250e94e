import { Readable } from 'node:stream';
import { AppError } from '@bytelyst/trading-contracts';
import type { RouteHandlers } from '../http/route-context.js';
import { backtestAccess } from './backtest-routes.js';
import type { ApiDeps } from './deps.js';
import { assertKnownSymbols } from './profile-routes.js';

type MarketDataRoutes = Pick<
  RouteHandlers,
  | 'listCandleSeries'
  | 'importCandlesCsv'
  | 'importCandlesVenue'
  | 'getCandleImport'
  | 'deleteCandleSeries'
>;

/** The market data store is part of research backtesting: the same flags open it. */
export const marketDataRoutes = (deps: ApiDeps): MarketDataRoutes => {
  const requireAccess = backtestAccess(deps);
  const owner = (p: { tenantId: string; userId: string }) => ({
    tenantId: p.tenantId,
    userId: p.userId,
  });
  return {
    listCandleSeries: async ({ principal }) => {
      requireAccess(principal.role);
      return { items: await deps.marketData.listSeries(owner(principal)) };
    },
    importCandlesCsv: async ({ principal, query, request }) => {
      requireAccess(principal.role);
      assertKnownSymbols(deps, [query.symbol]);
      // The text/csv parser (app.ts) hands the body over unread, so it is parsed as it arrives.
      const body = request.body;
      if (!(body instanceof Readable))
        throw new AppError('VALIDATION_FAILED', 'Send the file itself as the body, as text/csv.');
      const length = Number(request.headers['content-length']);
      return deps.marketData.importCsv(owner(principal), {
        query,
        body,
        totalBytes: Number.isSafeInteger(length) && length >= 0 ? length : null,
      });
    },
    importCandlesVenue: async ({ principal, body }) => {
      requireAccess(principal.role);
      assertKnownSymbols(deps, [body.symbol]);
      return deps.marketData.importVenue(owner(principal), body);
    },
    getCandleImport: async ({ principal, params }) => {
      requireAccess(principal.role);
      return deps.marketData.getProgress(owner(principal), params.id);
    },
    deleteCandleSeries: async ({ principal, query }) => {
      requireAccess(principal.role);
      return { deleted: await deps.marketData.deleteSeries(owner(principal), query) };
    },
  };
};
