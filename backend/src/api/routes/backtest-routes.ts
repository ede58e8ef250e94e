import { AppError, type Role } from '@bytelyst/trading-contracts';
import type { RouteHandlers } from '../http/route-context.js';
import type { ApiDeps } from './deps.js';
import { assertKnownModel, assertKnownSymbols } from './profile-routes.js';

type BacktestRoutes = Pick<
  RouteHandlers,
  'createBacktest' | 'listBacktests' | 'getBacktest' | 'cancelBacktest'
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
    cancelBacktest: async ({ principal, params }) => {
      requireAccess(principal.role);
      return deps.backtests.cancel(
        { tenantId: principal.tenantId, userId: principal.userId },
        params.id,
      );
    },
  };
};
