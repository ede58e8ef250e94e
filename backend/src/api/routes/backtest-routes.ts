import { Readable } from 'node:stream';
import { AppError, type Role } from '@bytelyst/trading-contracts';
import type { RouteHandlers } from '../http/route-context.js';
import type { ApiDeps } from './deps.js';
import { assertKnownModel, assertKnownSymbols } from './profile-routes.js';

type BacktestRoutes = Pick<
  RouteHandlers,
  | 'createBacktest'
  | 'listBacktests'
  | 'getBacktest'
  | 'getBacktestTrades'
  | 'exportBacktestTradesCsv'
  | 'getBacktestCurve'
  | 'cancelBacktest'
>;

/** Backtests are on for operators with `backtest`; customers also need `backtest.customer`. */
export const backtestAccess = (deps: ApiDeps) => (role: Role) => {
  if (
    !deps.flags.isOn('backtest') ||
    (role !== 'operator' && !deps.flags.isOn('backtest.customer'))
  ) {
    throw new AppError('FEATURE_DISABLED', 'Backtesting is not enabled for you.');
  }
};

/**
 * Parameter-search trials run on the job queue's workers, which carry no model yet
 * (docs/ROADMAP.md): say so rather than run a model that holds on every candle.
 */
export const refuseModelStrategy = (strategy: string, path: string): void => {
  if (strategy === 'model')
    throw new AppError('VALIDATION_FAILED', 'Model strategies cannot be backtested here yet.', {
      details: { issues: [{ path, message: 'model backtests are not available' }] },
    });
};

export const backtestRoutes = (deps: ApiDeps): BacktestRoutes => {
  const requireAccess = backtestAccess(deps);
  return {
    createBacktest: async ({ principal, body }) => {
      requireAccess(principal.role);
      assertKnownSymbols(deps, [body.symbol]);
      // The job carries the version's model to the worker; another tenant's is unknown.
      assertKnownModel(deps, principal.tenantId, body.strategy);
      return deps.backtests.submit(
        { tenantId: principal.tenantId, userId: principal.userId },
        body,
      );
    },
    listBacktests: async ({ principal }) => {
      requireAccess(principal.role);
      return {
        items: await deps.backtests.list({
          tenantId: principal.tenantId,
          userId: principal.userId,
        }),
      };
    },
    getBacktest: async ({ principal, params }) => {
      requireAccess(principal.role);
      return deps.backtests.get(
        { tenantId: principal.tenantId, userId: principal.userId },
        params.id,
      );
    },
    getBacktestTrades: async ({ principal, params, query }) => {
      requireAccess(principal.role);
      return deps.backtests.results.page(
        { tenantId: principal.tenantId, userId: principal.userId },
        params.id,
        query,
      );
    },
    exportBacktestTradesCsv: async ({ principal, params, reply }) => {
      requireAccess(principal.role);
      const chunks = await deps.backtests.results.csv(
        { tenantId: principal.tenantId, userId: principal.userId },
        params.id,
      );
      // Streamed as the store is read (a stream is never run through the JSON serializer); the
      // id is an Id (no quotes or separators), so it is safe in the file name.
      void reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${params.id}-trades.csv"`);
      return reply.send(Readable.from(chunks)) as never;
    },
    getBacktestCurve: async ({ principal, params, query }) => {
      requireAccess(principal.role);
      return deps.backtests.results.curve(
        { tenantId: principal.tenantId, userId: principal.userId },
        params.id,
        query.points,
      );
    },
    cancelBacktest: async ({ principal, params }) => {
      requireAccess(principal.role);
      return deps.backtests.cancel(
        { tenantId: principal.tenantId, userId: principal.userId },
        params.id,
      );
    },
  };
};
