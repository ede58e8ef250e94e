import { z } from 'zod';
import { Id } from './primitives.js';
import type { RouteDef } from './route-def.js';
import { BacktestJob, BacktestRequest } from './schemas/backtest.js';
import {
  BacktestCurve,
  BacktestCurveQuery,
  BacktestTradesPage,
  BacktestTradesQuery,
} from './schemas/backtest-results.js';

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
  getBacktestTrades: {
    method: 'GET',
    path: '/api/backtests/:id/trades',
    params: IdParams,
    query: BacktestTradesQuery,
    response: BacktestTradesPage,
    access: 'user',
    summary:
      'Every trade of a finished backtest, in the order they closed, one cursor page at a time (limit 1-1000, default 100) with the total; 409 CONFLICT while it has not finished',
  },
  exportBacktestTradesCsv: {
    method: 'GET',
    path: '/api/backtests/:id/trades.csv',
    params: IdParams,
    // The body is text/csv, streamed from the store: a header row, one trade a line, ISO UTC
    // times, amounts as exact decimal strings.
    response: z.string(),
    access: 'user',
    summary:
      'The full trade list of a finished backtest as a CSV download (text/csv, streamed; header row, ISO UTC times, exact decimal amounts)',
  },
  getBacktestCurve: {
    method: 'GET',
    path: '/api/backtests/:id/curve',
    params: IdParams,
    query: BacktestCurveQuery,
    response: BacktestCurve,
    access: 'user',
    summary:
      "A finished backtest's equity curve from its full-resolution store, cut to `points` (10-10000, default 500) keeping each bucket's lowest and highest equity",
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
