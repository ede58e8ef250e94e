import { z } from 'zod';
import { Id } from './primitives.js';
import type { RouteDef } from './route-def.js';
import { BacktestJob, BacktestRequest } from './schemas/backtest.js';

const IdParams = z.strictObject({ id: Id });
const items = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });

/** Backtest jobs (part of API_ROUTES). */
export const BACKTEST_ROUTES = {
  createBacktest: {
    method: 'POST',
    path: '/api/backtests',
    body: BacktestRequest,
    response: BacktestJob,
    access: 'user',
    summary: 'Start a backtest (flag backtest; customers also need backtest.customer)',
  },
  listBacktests: {
    method: 'GET',
    path: '/api/backtests',
    response: items(BacktestJob),
    access: 'user',
    summary: 'My recent backtests, newest first',
  },
  getBacktest: {
    method: 'GET',
    path: '/api/backtests/:id',
    params: IdParams,
    response: BacktestJob,
    access: 'user',
    summary: 'One backtest with its progress and, when done, its results',
  },
  cancelBacktest: {
    method: 'POST',
    path: '/api/backtests/:id/cancel',
    params: IdParams,
    response: BacktestJob,
    access: 'user',
    summary:
      'Stop a queued or running backtest (a finished one is returned unchanged; one running on another instance may still say running, and stops at its next progress write)',
  },
} as const satisfies Record<string, RouteDef>;
