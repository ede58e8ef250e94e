import {
  AppError,
  PAPER_VENUE_TAG,
  type Order,
  type OrderOrigin,
  type OrderStatus,
  type OrderType,
  type Side,
  type VenueTag,
} from '@bytelyst/trading-contracts';
import { type Fixed, ZERO, div, formatFixed, parseFixed } from '../money/fixed.js';
import { isTerminal, transition } from './order-state.js';

/** The engine's working copy of an order: exact amounts, the set of fills already booked. */
export interface OrderState {
  readonly id: string;
  readonly clientOrderId: string;
  readonly tenantId: string;
  readonly profileId: string | null;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly quantity: Fixed;
  readonly limitPrice: Fixed | null;
  readonly stopPrice: Fixed | null;
  readonly reduceOnly: boolean;
  readonly origin: OrderOrigin;
  readonly decisionId: string | null;
  readonly requestId: string | null;
  /** The account the order was sent to: fixed at creation, whatever its profile does later. */
  readonly venue: VenueTag;
  readonly createdAt: number;
  status: OrderStatus;
  exchangeOrderId: string | null;
  filled: Fixed;
  /** Sum of quantity x price over booked fills, at 36 digits (scale^2) so the average is exact-ish. */
  filledValue: bigint;
  outcomeUnknown: boolean;
  rejectReason: string | null;
  updatedAt: number;
  readonly fillKeys: Set<string>;
}

export interface NewOrder {
  readonly id: string;
  readonly clientOrderId: string;
  readonly tenantId: string;
  readonly profileId: string | null;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly quantity: Fixed;
  readonly limitPrice?: Fixed | null;
  readonly stopPrice?: Fixed | null;
  readonly reduceOnly?: boolean;
  readonly origin: OrderOrigin;
  readonly decisionId?: string | null;
  readonly requestId?: string | null;
  /** The profile's account when the order is made; the paper book when absent. */
  readonly venue?: VenueTag;
  readonly at: number;
}

export function createOrder(o: NewOrder): OrderState {
  if (o.quantity <= 0n) throw new AppError('UNPROCESSABLE', 'order quantity must be positive');
  if (o.type === 'LIMIT' && !o.limitPrice)
    throw new AppError('UNPROCESSABLE', 'a limit order needs a limit price');
  if (o.type === 'STOP' && !o.stopPrice)
    throw new AppError('UNPROCESSABLE', 'a stop order needs a stop price');
  return {
    id: o.id,
    clientOrderId: o.clientOrderId,
    tenantId: o.tenantId,
    profileId: o.profileId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    quantity: o.quantity,
    limitPrice: o.limitPrice ?? null,
    stopPrice: o.stopPrice ?? null,
    reduceOnly: o.reduceOnly ?? false,
    origin: o.origin,
    decisionId: o.decisionId ?? null,
    requestId: o.requestId ?? null,
    venue: o.venue ?? PAPER_VENUE_TAG,
    createdAt: o.at,
    status: 'NEW',
    exchangeOrderId: null,
    filled: ZERO,
    filledValue: 0n,
    outcomeUnknown: false,
    rejectReason: null,
    updatedAt: o.at,
    fillKeys: new Set(),
  };
}

export interface FillInput {
  readonly exchangeTradeId: string;
  readonly quantity: Fixed;
  readonly price: Fixed;
  readonly at: number;
}

export type FillOutcome =
  | { readonly applied: true }
  | { readonly applied: false; readonly reason: 'DUPLICATE' | 'OVERFILL' | 'INVALID' };

/**
 * Books one fill onto the order, in place. Filled quantity only grows and never exceeds the order
 * quantity; a fill already booked (same exchangeTradeId) is a no-op, so duplicated and re-ordered
 * reports converge on the same state. A fill on a CANCELLED or EXPIRED order is still booked if it
 * fits: venues report executions that happened before the cancel took effect.
 */
export function applyFillToOrder(order: OrderState, fill: FillInput): FillOutcome {
  if (order.fillKeys.has(fill.exchangeTradeId)) return { applied: false, reason: 'DUPLICATE' };
  if (fill.quantity <= 0n || fill.price <= 0n) return { applied: false, reason: 'INVALID' };
  if (order.filled + fill.quantity > order.quantity) return { applied: false, reason: 'OVERFILL' };
  if (order.status === 'REJECTED') return { applied: false, reason: 'INVALID' };
  order.fillKeys.add(fill.exchangeTradeId);
  order.filled += fill.quantity;
  order.filledValue += fill.quantity * fill.price;
  order.outcomeUnknown = false;
  order.updatedAt = Math.max(order.updatedAt, fill.at);
  if (!isTerminal(order.status)) {
    const to: OrderStatus = order.filled === order.quantity ? 'FILLED' : 'PARTIALLY_FILLED';
    order.status = transition({ orderId: order.id, from: order.status, to });
  }
  return { applied: true };
}

/** Moves the order to a new status (venue ack, cancel, reject, expiry); throws if illegal. */
export function setOrderStatus(order: OrderState, to: OrderStatus, at: number): void {
  order.status = transition({ orderId: order.id, from: order.status, to });
  order.updatedAt = Math.max(order.updatedAt, at);
}

export function averageFillPrice(order: OrderState): Fixed | null {
  if (order.filled === 0n) return null;
  return div(order.filledValue / 10n ** 18n, order.filled);
}

export function isOpen(order: OrderState): boolean {
  return !isTerminal(order.status);
}

/** What a venue is asked to place: the order's terms, exact amounts as decimal strings. */
export function orderTermsOf(order: OrderState) {
  return {
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: formatFixed(order.quantity),
    limitPrice: order.limitPrice === null ? null : formatFixed(order.limitPrice),
    stopPrice: order.stopPrice === null ? null : formatFixed(order.stopPrice),
    reduceOnly: order.reduceOnly,
  };
}

export function orderToContract(order: OrderState): Order {
  const avg = averageFillPrice(order);
  return {
    id: order.id,
    tenantId: order.tenantId,
    profileId: order.profileId,
    exchangeOrderId: order.exchangeOrderId,
    ...orderTermsOf(order),
    status: order.status,
    filledQuantity: formatFixed(order.filled),
    averageFillPrice: avg === null ? null : formatFixed(avg),
    origin: order.origin,
    outcomeUnknown: order.outcomeUnknown,
    rejectReason: order.rejectReason,
    decisionId: order.decisionId,
    requestId: order.requestId,
    venue: order.venue,
    createdAt: new Date(order.createdAt).toISOString(),
    updatedAt: new Date(order.updatedAt).toISOString(),
  };
}

/** Rebuilds working state from a stored order and its booked fills (recovery). */
export function orderFromContract(
  o: Order,
  fills: readonly { exchangeTradeId: string; quantity: string; price: string }[],
): OrderState {
  const state: OrderState = {
    id: o.id,
    clientOrderId: o.clientOrderId,
    tenantId: o.tenantId,
    profileId: o.profileId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    quantity: parseFixed(o.quantity),
    limitPrice: o.limitPrice === null ? null : parseFixed(o.limitPrice),
    stopPrice: o.stopPrice === null ? null : parseFixed(o.stopPrice),
    reduceOnly: o.reduceOnly,
    origin: o.origin,
    decisionId: o.decisionId,
    requestId: o.requestId,
    venue: o.venue,
    createdAt: Date.parse(o.createdAt),
    status: o.status,
    exchangeOrderId: o.exchangeOrderId,
    filled: ZERO,
    filledValue: 0n,
    outcomeUnknown: o.outcomeUnknown,
    rejectReason: o.rejectReason,
    updatedAt: Date.parse(o.updatedAt),
    fillKeys: new Set(),
  };
  for (const f of fills) {
    if (state.fillKeys.has(f.exchangeTradeId)) continue;
    const q = parseFixed(f.quantity);
    state.fillKeys.add(f.exchangeTradeId);
    state.filled += q;
    state.filledValue += q * parseFixed(f.price);
  }
  return state;
}
