import { z } from 'zod';
import { DecimalString, Id, PositiveDecimal, Symbol, Timeframe, Timestamp } from '../primitives.js';
import { RiskLimits, StoredRiskLimits } from './profiles.js';
import { StrategyConfig } from './strategies.js';
import { TradeStats } from './portfolio.js';
import { Trade } from './trading.js';
import { BacktestSource } from './market-data.js';

/**
 * When an order decided at a candle's close fills (docs/BACKTESTING.md): `next_open` at the next
 * candle's open (what a live order can get), `close` at the signal candle's own close
 * (optimistic: the signal was computed from that very price).
 */
export const FillRule = z.enum(['next_open', 'close']);
export type FillRule = z.infer<typeof FillRule>;

/**
 * How far a market fill lands from its reference price, against the order. `fixed_bps`: bps of
 * the reference price. `range_bps`: bps of the signal candle's range (high - low), so 10,000 is
 * the whole range: fills slip more in wide candles.
 */
export const SlippageModel = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed_bps'), bps: z.number().int().min(0).max(1000) }),
  z.strictObject({ kind: z.literal('range_bps'), bps: z.number().int().min(0).max(10_000) }),
]);
export type SlippageModel = z.infer<typeof SlippageModel>;

/** A share of cash or equity, in percent (0 < p <= 100, up to 4 decimals). */
const Percent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percent such as "25" or "12.5"')
  .refine((s) => Number(s) > 0 && Number(s) <= 100, 'between 0 (excluded) and 100');

/**
 * How an entry is sized at the signal candle's close (quantity floored to the lot). `limits`: as
 * live, the smallest of the order limit, the position limit and capital / max open positions.
 */
export const EntrySizing = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('limits') }),
  z.strictObject({ mode: z.literal('fixed_notional'), notional: PositiveDecimal }),
  z.strictObject({ mode: z.literal('percent_cash'), percent: Percent }),
  z.strictObject({ mode: z.literal('percent_equity'), percent: Percent }),
]);
export type EntrySizing = z.infer<typeof EntrySizing>;

/** Fee rates as a fraction of notional: "0.001" = 10 bp; at most 10 %. */
const FeeRate = z
  .string()
  .regex(/^0(\.\d{1,8})?$/, 'a fraction such as "0.001"')
  .refine((s) => Number(s) <= 0.1, 'at most 0.1 (10 %)');

/** Every setting a run's result depends on beyond strategy, data and risk: stored with the run. */
export const BacktestSettings = z.strictObject({
  fillRule: FillRule.default('next_open'),
  feeRate: FeeRate.default('0.001'),
  slippage: SlippageModel.default({ kind: 'fixed_bps', bps: 2 }),
  sizing: EntrySizing.default({ mode: 'limits' }),
  /** Only candles opening at or after `from` and before `to` are replayed. */
  from: Timestamp.nullable().default(null),
  to: Timestamp.nullable().default(null),
  /** Annual risk-free rate for Sharpe and Sortino, as a fraction ("0.04" = 4 %). */
  riskFreeRate: z.number().min(0).max(1).default(0),
});
export type BacktestSettings = z.infer<typeof BacktestSettings>;

/**
 * Statistics of a run from the equity at every candle's close (docs/BACKTESTING.md,
 * "Statistics"): per-candle returns, annualised over 365-day years; money net of fees.
 */
export const BacktestStatistics = z.strictObject({
  totalReturnPct: z.number(),
  annualReturnPct: z.number().nullable(),
  annualVolatilityPct: z.number().nullable(),
  /** Annual risk-free rate the ratios subtract, as a fraction. */
  riskFreeRate: z.number(),
  sharpe: z.number().nullable(),
  sortino: z.number().nullable(),
  calmar: z.number().nullable(),
  maxDrawdown: z.strictObject({
    pct: z.number().min(0),
    amount: z.number().min(0),
    peakAt: Timestamp.nullable(),
    troughAt: Timestamp.nullable(),
    recoveredAt: Timestamp.nullable(),
    /** Peak to recovery (or to the end when never recovered). */
    durationMs: z.number().min(0).nullable(),
    /** Trough to recovery; null when never recovered. */
    recoveryMs: z.number().min(0).nullable(),
  }),
  trades: z.number().int().nonnegative(),
  winRate: z.number().min(0).max(1).nullable(),
  profitFactor: z.number().nonnegative().nullable(),
  /** Mean net PnL per trade. */
  expectancy: z.number().nullable(),
  avgWin: z.number().nullable(),
  avgLoss: z.number().nullable(),
  bestTrade: z.number().nullable(),
  worstTrade: z.number().nullable(),
  totalFees: DecimalString,
  totalSlippage: DecimalString,
  /** Share of candles closing with a position open. */
  exposurePct: z.number().min(0).max(100),
  avgTradeDurationMs: z.number().nonnegative().nullable(),
  tradesPerDay: z.number().nonnegative(),
  /** Bought at the first candle's open, valued at the last close, no fees. */
  buyAndHoldReturnPct: z.number(),
  /** Entries not placed or not filled, by reason code. */
  refusedEntries: z.record(z.string(), z.number().int().nonnegative()),
});
export type BacktestStatistics = z.infer<typeof BacktestStatistics>;

/**
 * A backtest: the live pipeline on a simulated clock, over seeded simulated history or a stored
 * series of the caller's tenant (`source`).
 */
export const BacktestRequest = z.strictObject({
  strategy: StrategyConfig,
  symbol: Symbol,
  timeframe: Timeframe.default('1m'),
  /** Simulated candles or a stored series (then `candles` and `seed` are not used). */
  source: BacktestSource.default({ kind: 'simulated' }),
  /** Simulated source: candles of history to replay (2,000,000 one-minute candles is ~3.8 years). */
  candles: z.number().int().min(100).max(2_000_000).default(100_000),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  capital: PositiveDecimal.default('10000'),
  risk: RiskLimits.optional(),
  settings: BacktestSettings.default(BacktestSettings.parse({})),
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
  /** Orders still waiting for a next candle when the data ended (never filled). */
  unfilledAtEnd: z.number().int().nonnegative().optional(),
  /** Full statistics (absent in jobs stored before they existed). */
  statistics: BacktestStatistics.optional(),
});
export type BacktestSummary = z.infer<typeof BacktestSummary>;

export const BacktestJob = z.strictObject({
  id: Id,
  tenantId: Id,
  userId: Id,
  // As stored: a job accepted before the limits had bounds still reads back.
  // Jobs stored before settings existed have none: they filled at the close with the paper
  // venue's defaults (fee 0.001, 2 bp slippage) and the limits' sizing.
  request: BacktestRequest.extend({
    risk: StoredRiskLimits.optional(),
    settings: BacktestSettings.optional(),
    // Jobs stored before sources existed replayed simulated candles.
    source: BacktestSource.optional(),
  }),
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
