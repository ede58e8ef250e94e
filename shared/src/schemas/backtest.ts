import { z } from 'zod';
import { DecimalString, Id, PositiveDecimal, Symbol, Timeframe, Timestamp } from '../primitives.js';
import { RiskLimits, StoredRiskLimits } from './profiles.js';
import { StrategyConfig } from './strategies.js';
import { TradeStats } from './portfolio.js';
import { Trade } from './trading.js';

/** A backtest over seeded simulated history: the live pipeline on a simulated clock. */
export const BacktestRequest = z.strictObject({
  strategy: StrategyConfig,
  symbol: Symbol,
  timeframe: Timeframe.default('1m'),
  /** Number of candles of history to replay (2,000,000 one-minute candles is ~3.8 years). */
  candles: z.number().int().min(100).max(2_000_000).default(100_000),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  capital: PositiveDecimal.default('10000'),
  risk: RiskLimits.optional(),
});
export type BacktestRequest = z.infer<typeof BacktestRequest>;

export const BacktestStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type BacktestStatus = z.infer<typeof BacktestStatus>;

export const BacktestSummary = z.strictObject({
  candles: z.number().int().nonnegative(),
  trades: z.number().int().nonnegative(),
  /** Share of trades whose net PnL (after fees) is above zero. */
  winRate: z.number().min(0).max(1).nullable(),
  /** Trade statistics net of fees (absent in jobs stored before they existed). */
  net: TradeStats.optional(),
  startEquity: DecimalString,
  endEquity: DecimalString,
  returnPct: z.number(),
  /** Percent, over the equity at every candle's close. */
  maxDrawdownPct: z.number().min(0),
  maxDrawdown: z
    .strictObject({
      peakAt: Timestamp.nullable(),
      troughAt: Timestamp.nullable(),
      recoveredAt: Timestamp.nullable(),
    })
    .optional(),
  decisions: z.record(z.string(), z.number().int().nonnegative()),
  candlesPerSecond: z.number().nonnegative(),
  elapsedMs: z.number().nonnegative(),
  /**
   * When a risk rule halted the profile (max drawdown): from then on it placed no order, exits
   * included, as a halted live profile waits for an operator. Null when it traded to the end.
   */
  halt: z
    .strictObject({ at: Timestamp, code: z.string().max(64), message: z.string().max(500) })
    .nullable(),
});
export type BacktestSummary = z.infer<typeof BacktestSummary>;

export const BacktestJob = z.strictObject({
  id: Id,
  tenantId: Id,
  userId: Id,
  // As stored: a job accepted before the limits had bounds still reads back.
  request: BacktestRequest.extend({ risk: StoredRiskLimits.optional() }),
  status: BacktestStatus,
  /** 0..1 of the candles replayed so far. */
  progress: z.number().min(0).max(1),
  error: z.string().max(500).nullable(),
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  summary: BacktestSummary.nullable(),
  /** At most 500 points, oldest first; equity as a number for charting only. */
  equityCurve: z.array(z.strictObject({ at: Timestamp, equity: z.number() })).max(500),
  /** The most recent closed trades, at most 200. */
  trades: z.array(Trade).max(200),
  /** Candle close prices for the chart, at most 1,000 points, evenly sampled. */
  prices: z.array(z.strictObject({ at: Timestamp, close: z.number() })).max(1000),
});
export type BacktestJob = z.infer<typeof BacktestJob>;
