import { z } from 'zod';
import {
  Cursor,
  DecimalString,
  Id,
  NonNegativeDecimal,
  PositiveDecimal,
  Symbol,
  Timestamp,
} from '../primitives.js';

/**
 * One closed round trip of a finished backtest, from its full trade list (`backtest_trades`).
 * `seq` is its place in the run (0 = the first trade closed); money is exact decimal text.
 */
export const BacktestTrade = z.strictObject({
  seq: z.number().int().nonnegative(),
  id: Id,
  symbol: Symbol,
  side: z.enum(['LONG', 'SHORT']),
  quantity: PositiveDecimal,
  entryPrice: PositiveDecimal,
  exitPrice: PositiveDecimal,
  realizedPnl: DecimalString,
  fees: NonNegativeDecimal,
  netPnl: DecimalString,
  openedAt: Timestamp,
  closedAt: Timestamp,
  exitReason: z.string().max(200),
});
export type BacktestTrade = z.infer<typeof BacktestTrade>;

export const BACKTEST_TRADES_MAX_LIMIT = 1000;

/** `GET /api/backtests/:id/trades`: a page of the run's trades in `seq` order. */
export const BacktestTradesQuery = z.strictObject({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(BACKTEST_TRADES_MAX_LIMIT).default(100),
});
export type BacktestTradesQuery = z.infer<typeof BacktestTradesQuery>;

export const BacktestTradesPage = z.strictObject({
  items: z.array(BacktestTrade),
  nextCursor: z.string().max(200).nullable(),
  /** Every trade of the run (the list's length across all pages). */
  total: z.number().int().nonnegative(),
  /**
   * False for runs finished before full lists were stored: only their last 200 trades exist,
   * and `total` counts those.
   */
  complete: z.boolean(),
});
export type BacktestTradesPage = z.infer<typeof BacktestTradesPage>;

export const BACKTEST_CURVE_MAX_POINTS = 10_000;

/** `GET /api/backtests/:id/curve`: the equity curve cut to `points` (each bucket's low and high). */
export const BacktestCurveQuery = z.strictObject({
  points: z.coerce.number().int().min(10).max(BACKTEST_CURVE_MAX_POINTS).default(500),
});
export type BacktestCurveQuery = z.infer<typeof BacktestCurveQuery>;

export const BacktestCurve = z.strictObject({
  /** Oldest first; equity as a number, for charting only. */
  points: z.array(z.strictObject({ at: Timestamp, equity: z.number() })),
  /** Points stored for the run (one per equity change), before cutting to `points`. */
  stored: z.number().int().nonnegative(),
  /** False for runs finished before full curves were stored (their 500 kept points). */
  complete: z.boolean(),
});
export type BacktestCurve = z.infer<typeof BacktestCurve>;
