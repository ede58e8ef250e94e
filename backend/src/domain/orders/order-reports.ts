import type { OrderStatus } from '@bytelyst/trading-contracts';
import { parseFixed } from '../money/fixed.js';
import { type OrderState, setOrderStatus } from './order.js';
import { isTerminal } from './order-state.js';

/**
 * Every change a venue's report makes to an order, in one place. Fills move an order through
 * `applyFillToOrder` (booking.ts books them with the position and ledger); everything else a
 * venue can say about an order is applied here. Status only moves forward: a late "SUBMITTED"
 * after fills changes nothing, and fill statuses are reached by booking fills, never by
 * trusting a status field.
 */

/** What a venue says about one order (the execution port's VenueOrder has this shape). */
export interface OrderReport {
  readonly exchangeOrderId: string;
  readonly status: OrderStatus;
  readonly filledQuantity: string;
  readonly rejectReason: string | null;
}

/**
 * Takes a venue's view of an order. Returns true when the venue has filled more than we have
 * booked, so the caller must fetch the missing fills.
 */
export function applyOrderReport(order: OrderState, v: OrderReport, at: number): boolean {
  order.exchangeOrderId ??= v.exchangeOrderId;
  order.outcomeUnknown = false;
  const venueFilled = parseFixed(v.filledQuantity);
  const to: OrderStatus = v.status;
  if (!isTerminal(order.status)) {
    switch (to) {
      case 'NEW':
      case 'SUBMITTED':
      case 'PARTIALLY_FILLED':
      case 'FILLED':
        if (order.status === 'NEW') setOrderStatus(order, 'SUBMITTED', at);
        break;
      case 'REJECTED':
        if (order.status === 'PARTIALLY_FILLED') setOrderStatus(order, 'CANCELLED', at);
        else setOrderStatus(order, 'REJECTED', at);
        order.rejectReason = v.rejectReason ?? 'REJECTED_BY_VENUE';
        break;
      case 'CANCELLED':
      case 'EXPIRED':
        setOrderStatus(order, to, at);
        break;
    }
  }
  return venueFilled > order.filled;
}

/**
 * The venue, asked by client order id, does not know the order: it never arrived. What was
 * filled stays booked (a partly filled order ends CANCELLED), the rest is REJECTED.
 */
export function applyNeverArrived(order: OrderState, at: number): void {
  order.outcomeUnknown = false;
  if (isTerminal(order.status)) return;
  setOrderStatus(order, order.filled > 0n ? 'CANCELLED' : 'REJECTED', at);
  order.rejectReason = 'NEVER_ARRIVED';
}

/**
 * The order is rejected: the venue refused the submit outright (a classified error), or it was
 * never sent (its intent was committed too late to send it).
 */
export function applyRejected(order: OrderState, reason: string, at: number): void {
  if (!isTerminal(order.status)) setOrderStatus(order, 'REJECTED', at);
  order.rejectReason = reason.slice(0, 500);
}
