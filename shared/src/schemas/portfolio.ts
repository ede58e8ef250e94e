import { z } from 'zod';
import { DecimalString, Id, NonNegativeDecimal, Timestamp } from '../primitives.js';
import { Position, Trade } from './trading.js';

/**
 * The books of one profile (or of an account: every profile a user may see), read from the
 * ledger's balances and the positions it booked, with open positions valued at their marks.
 * Identity (exact, in decimal strings): equity = cash + positionsValue
 *                                             = capital + realizedPnl - fees + unrealizedPnl.
 */
export const Books = z.strictObject({
  /** Capital funded through the ledger. */
  capital: DecimalString,
  /** The ledger's cash balance. */
  cash: DecimalString,
  /** Sum over open positions of quantity x mark (signed: a short is negative). */
  positionsValue: DecimalString,
  /** The ledger's positions_at_cost balance: the exact cost of what is held. */
  positionsCost: DecimalString,
  equity: DecimalString,
  unrealizedPnl: DecimalString,
  /** Gross realised PnL (the ledger's realized_pnl account, sign turned to "gain positive"). */
  realizedPnl: DecimalString,
  /** Every fee paid (the ledger's fees account). */
  fees: NonNegativeDecimal,
  /** realizedPnl - fees. */
  netRealizedPnl: DecimalString,
  openPositions: z.number().int().nonnegative(),
  /** How many open positions are valued at a stale mark. */
  staleMarks: z.number().int().nonnegative(),
});
export type Books = z.infer<typeof Books>;

export const ProfileBooks = Books.extend({ profileId: Id });
export type ProfileBooks = z.infer<typeof ProfileBooks>;

export const PortfolioQuery = z.strictObject({ profileId: Id.optional() });
export type PortfolioQuery = z.infer<typeof PortfolioQuery>;

/** GET /api/portfolio and the `portfolio` socket event: one valuation at one instant. */
export const Portfolio = z.strictObject({
  at: Timestamp,
  /** How marks are taken, stated for the UI. */
  markRule: z.literal('last-trade'),
  /** A mark older than this is stale. */
  staleAfterMs: z.number().int().positive(),
  /** The caller's whole allocation: every profile in `profiles`, summed. */
  account: Books,
  profiles: z.array(ProfileBooks),
  positions: z.array(Position),
});
export type Portfolio = z.infer<typeof Portfolio>;

export const EquityInterval = z.enum(['1m', '5m', '15m', '1h', '4h', '1d']);
export type EquityInterval = z.infer<typeof EquityInterval>;

export const EquitySeriesQuery = z.strictObject({
  /** One profile's series; absent = the account (every profile the caller may see). */
  profileId: Id.optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  /** Bucket width; absent = the smallest that keeps at most `points` buckets. */
  interval: EquityInterval.optional(),
  points: z.coerce.number().int().min(10).max(2000).default(500),
});
export type EquitySeriesQuery = z.infer<typeof EquitySeriesQuery>;

/**
 * One bucket of the equity curve: `equity` is its last value; `min` and `max` are the lowest and
 * highest equity reached inside it, so a drawdown survives downsampling.
 */
export const EquityPoint = z.strictObject({
  at: Timestamp,
  equity: DecimalString,
  min: DecimalString,
  max: DecimalString,
});
export type EquityPoint = z.infer<typeof EquityPoint>;

export const Drawdown = z.strictObject({
  /** Largest fall from a running peak, as a fraction of that peak ("0.0369" = 3.69 %). */
  pct: z.string(),
  amount: DecimalString,
  peakAt: Timestamp.nullable(),
  troughAt: Timestamp.nullable(),
  /** When equity first regained the peak after the trough; null while still below it. */
  recoveredAt: Timestamp.nullable(),
});
export type Drawdown = z.infer<typeof Drawdown>;

export const EquitySeries = z.strictObject({
  profileId: Id.nullable(),
  interval: EquityInterval,
  /** Oldest first; the last point is the live valuation (`current`), the Equity figure. */
  points: z.array(EquityPoint),
  current: Books.extend({ at: Timestamp }),
  /** Over every recorded equity change in the range (not the downsampled points). */
  maxDrawdown: Drawdown,
  /** Fall from the running peak to the current equity. */
  currentDrawdownPct: z.string(),
});
export type EquitySeries = z.infer<typeof EquitySeries>;

/** An IANA zone name the runtime knows ("Asia/Kolkata"); days, weeks and months are cut in it. */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/, 'must be an IANA time zone such as Europe/Berlin')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Berlin');

export const AnalyticsQuery = z.strictObject({
  profileId: Id.optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  timeZone: TimeZone.default('UTC'),
});
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

/** Net-of-fees statistics of a set of closed trades. */
export const TradeStats = z.strictObject({
  trades: z.number().int().nonnegative(),
  /** Trades whose net PnL is above zero. */
  wins: z.number().int().nonnegative(),
  losses: z.number().int().nonnegative(),
  /** wins / trades, net of fees; null without trades. */
  winRate: z.number().min(0).max(1).nullable(),
  grossPnl: DecimalString,
  fees: NonNegativeDecimal,
  netPnl: DecimalString,
  /** Sum of net wins / |sum of net losses|; null when there is no losing trade. */
  profitFactor: z.number().nonnegative().nullable(),
  avgNetPnl: DecimalString.nullable(),
  avgWin: DecimalString.nullable(),
  avgLoss: DecimalString.nullable(),
  avgDurationMs: z.number().nonnegative().nullable(),
});
export type TradeStats = z.infer<typeof TradeStats>;

/** Realised PnL and fees booked in a period, from the ledger (partial closes included). */
export const PeriodPnl = z.strictObject({
  /** "2026-12-07" (day), the Monday of the week, or "2026-12" (month), in the query's zone. */
  period: z.string().max(10),
  realizedPnl: DecimalString,
  fees: NonNegativeDecimal,
  netPnl: DecimalString,
});
export type PeriodPnl = z.infer<typeof PeriodPnl>;

export const Analytics = z.strictObject({
  from: Timestamp,
  to: Timestamp,
  timeZone: z.string(),
  summary: TradeStats,
  best: Trade.nullable(),
  worst: Trade.nullable(),
  byDay: z.array(PeriodPnl),
  byWeek: z.array(PeriodPnl),
  byMonth: z.array(PeriodPnl),
  /** Per strategy the trade was made under (older trades: their profile's strategy now). */
  byStrategy: z.array(TradeStats.extend({ strategy: z.string() })),
  bySymbol: z.array(TradeStats.extend({ symbol: z.string() })),
  /** Cumulative net realised PnL from the ledger, one point per 15 minutes with a booking. */
  cumulative: z.array(z.strictObject({ at: Timestamp, netPnl: DecimalString })),
  /** Fees from the ledger, per profile. */
  feesByProfile: z.array(z.strictObject({ profileId: Id, fees: NonNegativeDecimal })),
  /** Open exposure now: |quantity x mark| per symbol and its share of equity. */
  exposure: z.strictObject({
    gross: NonNegativeDecimal,
    /** gross / equity; null when equity is not positive. */
    ofEquity: z.number().nonnegative().nullable(),
    bySymbol: z.array(z.strictObject({ symbol: z.string(), value: NonNegativeDecimal })),
  }),
});
export type Analytics = z.infer<typeof Analytics>;
