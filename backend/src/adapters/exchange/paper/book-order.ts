import type { OrderStatus } from '@bytelyst/trading-contracts';
import { type Fixed, SCALE, abs, div, formatFixed } from '../../../domain/money/fixed.js';
import { type InstrumentSpec, isOnStep } from '../../../domain/money/instrument.js';
import type { SubmitOrderRequest, VenueOrder } from '../../../ports/execution-client.js';

/** One order in the paper venue's book. */
export interface BookOrder {
  readonly clientOrderId: string;
  readonly exchangeOrderId: string;
  readonly request: SubmitOrderRequest;
  readonly quantity: Fixed;
  readonly limitPrice: Fixed | null;
  readonly stopPrice: Fixed | null;
  status: OrderStatus;
  filled: Fixed;
  filledValue: bigint;
  rejectReason: string | null;
  updatedAt: number;
  fillSeq: number;
  /** Reports for this order are swallowed (its submit "timed out" on the wire). */
  silent: boolean;
}

/** Why the venue refuses an order at entry, or null: steps, required prices, reduce-only. */
export function rejectReasonFor(o: {
  position: Fixed;
  order: BookOrder;
  spec: InstrumentSpec;
}): string | null {
  const { order, spec } = o;
  const r = order.request;
  if (order.quantity <= 0n || !isOnStep(order.quantity, spec.lot)) return 'QUANTITY_NOT_ON_LOT';
  if (order.limitPrice !== null && !isOnStep(order.limitPrice, spec.tick))
    return 'PRICE_NOT_ON_TICK';
  if (order.stopPrice !== null && !isOnStep(order.stopPrice, spec.tick)) return 'PRICE_NOT_ON_TICK';
  if (r.type === 'LIMIT' && order.limitPrice === null) return 'LIMIT_PRICE_REQUIRED';
  if (r.type === 'STOP' && order.stopPrice === null) return 'STOP_PRICE_REQUIRED';
  if (r.reduceOnly) {
    const signed = r.side === 'BUY' ? order.quantity : -order.quantity;
    const pos = o.position;
    if (pos === 0n || pos > 0n === signed > 0n || abs(signed) > abs(pos))
      return 'REDUCE_ONLY_WOULD_INCREASE';
  }
  return null;
}

export function viewOf(o: BookOrder): VenueOrder {
  return {
    clientOrderId: o.clientOrderId,
    exchangeOrderId: o.exchangeOrderId,
    symbol: o.request.symbol,
    side: o.request.side,
    type: o.request.type,
    quantity: o.request.quantity,
    limitPrice: o.request.limitPrice,
    stopPrice: o.request.stopPrice,
    status: o.status,
    filledQuantity: formatFixed(o.filled),
    averageFillPrice: o.filled === 0n ? null : formatFixed(div(o.filledValue / SCALE, o.filled)),
    rejectReason: o.rejectReason,
    updatedAt: o.updatedAt,
  };
}
