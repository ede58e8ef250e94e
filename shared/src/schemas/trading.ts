import { z } from 'zod';
import {
  Cursor,
  DecimalString,
  freeText,
  Id,
  NonNegativeDecimal,
  PositiveDecimal,
  RequestId,
  Side,
  Symbol,
  Timestamp,
} from '../primitives.js';

export const OrderType = z.enum(['MARKET', 'LIMIT', 'STOP']);
export type OrderType = z.infer<typeof OrderType>;

export const OrderStatus = z.enum([
  'NEW',
  'SUBMITTED',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCELLED',
  'REJECTED',
  'EXPIRED',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Where an order came from: a strategy decision, a person, a stop, or reconciliation. */
export const OrderOrigin = z.enum([
  'strategy',
  'manual',
  'stop',
  'take-profit',
  'close',
  'external',
]);
export type OrderOrigin = z.infer<typeof OrderOrigin>;

/**
 * Where an order was sent, or where a position is held: the venue account, its venue id and its
 * label, joined in at read time. `accountId` null is the owner's paper account (the tenant's
 * paper book), shown as venue `paper`, label "Paper". An order keeps the account it was sent to
 * even after its profile moves to another; a position is on its profile's current account.
 */
export const VenueTag = z.strictObject({
  accountId: Id.nullable(),
  venueId: z.string().min(1).max(32),
  label: z.string().max(64),
});
export type VenueTag = z.infer<typeof VenueTag>;

export const PAPER_VENUE_TAG: VenueTag = Object.freeze({
  accountId: null,
  venueId: 'paper',
  label: 'Paper',
});

export const Order = z.strictObject({
  id: Id,
  tenantId: Id,
  profileId: Id.nullable(),
  clientOrderId: z.string().min(1).max(64),
  exchangeOrderId: z.string().max(128).nullable(),
  symbol: Symbol,
  side: Side,
  type: OrderType,
  quantity: PositiveDecimal,
  limitPrice: PositiveDecimal.nullable(),
  stopPrice: PositiveDecimal.nullable(),
  reduceOnly: z.boolean(),
  status: OrderStatus,
  filledQuantity: NonNegativeDecimal,
  averageFillPrice: NonNegativeDecimal.nullable(),
  origin: OrderOrigin,
  /** True while a submit timed out and the venue has not yet said whether it landed. */
  outcomeUnknown: z.boolean(),
  rejectReason: z.string().max(500).nullable(),
  decisionId: Id.nullable(),
  requestId: RequestId.nullable(),
  /** The account the order was sent to (written at creation; never changes). */
  venue: VenueTag,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Order = z.infer<typeof Order>;

export const Fill = z.strictObject({
  id: Id,
  tenantId: Id,
  profileId: Id.nullable(),
  orderId: Id,
  exchangeTradeId: z.string().min(1).max(128),
  symbol: Symbol,
  side: Side,
  quantity: PositiveDecimal,
  price: PositiveDecimal,
  fee: NonNegativeDecimal,
  feeCurrency: z.string().min(2).max(10),
  liquidity: z.enum(['maker', 'taker']),
  filledAt: Timestamp,
});
export type Fill = z.infer<typeof Fill>;

export const Position = z.strictObject({
  tenantId: Id,
  profileId: Id,
  symbol: Symbol,
  /** Signed: positive long, negative short, "0" flat. */
  quantity: DecimalString,
  averageEntryPrice: NonNegativeDecimal,
  /**
   * Exact cost of the open quantity (signed like it), as the ledger's positions_at_cost holds it;
   * unrealizedPnl = quantity x markPrice - costBasis, exactly.
   */
  costBasis: DecimalString,
  /** The mark: the market's last trade price, rounded to the instrument's tick. */
  markPrice: NonNegativeDecimal.nullable(),
  /** When the market printed the mark; null when no price was seen yet. */
  markAt: Timestamp.nullable(),
  /** True when the mark is older than the market's staleness limit (shown as stale, with age). */
  markStale: z.boolean(),
  /** Gross realised PnL of this position's closed quantity (before fees). */
  realizedPnl: DecimalString,
  unrealizedPnl: DecimalString,
  fees: NonNegativeDecimal,
  openedAt: Timestamp.nullable(),
  /** The account the position is held on: its profile's account. */
  venue: VenueTag,
  updatedAt: Timestamp,
});
export type Position = z.infer<typeof Position>;

/** A closed round trip: entry to flat. */
export const Trade = z.strictObject({
  id: Id,
  tenantId: Id,
  profileId: Id,
  symbol: Symbol,
  side: z.enum(['LONG', 'SHORT']),
  quantity: PositiveDecimal,
  entryPrice: PositiveDecimal,
  exitPrice: PositiveDecimal,
  /** Gross PnL of the round trip (price movement only). */
  realizedPnl: DecimalString,
  /** Every fee of the round trip, entry and exit. */
  fees: NonNegativeDecimal,
  /** realizedPnl - fees, exactly: the figure win rate, profit factor and averages use. */
  netPnl: DecimalString,
  openedAt: Timestamp,
  closedAt: Timestamp,
  entryDecisionId: Id.nullable(),
  exitDecisionId: Id.nullable(),
  exitReason: z.string().max(200),
  /**
   * The strategy the profile ran when the round trip closed (analytics group by it); null for
   * trades booked before it was recorded, which analytics count under the profile's strategy.
   */
  strategy: z.string().max(64).nullable(),
});
export type Trade = z.infer<typeof Trade>;

export const LedgerAccount = z.enum([
  'cash',
  'positions_at_cost',
  'fees',
  'realized_pnl',
  'capital',
]);
export type LedgerAccount = z.infer<typeof LedgerAccount>;

/** One leg of a balanced transaction. Debits positive, credits negative; a transaction sums to 0. */
export const LedgerEntry = z.strictObject({
  id: Id,
  tenantId: Id,
  profileId: Id,
  transactionId: Id,
  account: LedgerAccount,
  amount: DecimalString,
  currency: z.string().min(2).max(10),
  fillId: Id.nullable(),
  reversesTransactionId: Id.nullable(),
  memo: z.string().max(200),
  postedAt: Timestamp,
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const EquitySnapshot = z.strictObject({
  tenantId: Id,
  profileId: Id,
  at: Timestamp,
  equity: DecimalString,
  cash: DecimalString,
  unrealizedPnl: DecimalString,
  realizedPnl: DecimalString,
  drawdownPct: NonNegativeDecimal,
});
export type EquitySnapshot = z.infer<typeof EquitySnapshot>;

/** Manual order from a person; the backend applies every control and risk rule to it. */
export const ManualTradeBody = z.strictObject({
  profileId: Id,
  symbol: Symbol,
  side: Side,
  type: OrderType.default('MARKET'),
  quantity: PositiveDecimal,
  limitPrice: PositiveDecimal.optional(),
  stopPrice: PositiveDecimal.optional(),
  reduceOnly: z.boolean().default(false),
});
export type ManualTradeBody = z.infer<typeof ManualTradeBody>;

export const ClosePositionBody = z.strictObject({
  profileId: Id,
  symbol: Symbol,
  reason: freeText().trim().max(500).optional(),
});
export type ClosePositionBody = z.infer<typeof ClosePositionBody>;

export const TradeResponse = z.strictObject({
  order: Order,
  decisionId: Id.nullable(),
});
export type TradeResponse = z.infer<typeof TradeResponse>;

export const OrdersQuery = z.strictObject({
  profileId: Id.optional(),
  symbol: Symbol.optional(),
  status: OrderStatus.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const HistoryQuery = z.strictObject({
  profileId: Id.optional(),
  symbol: Symbol.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
