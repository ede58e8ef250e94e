import { DecimalString, type OrderStatus, type OrderType } from '@bytelyst/trading-contracts';
import type { Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt';
import type { VenueFill, VenueOrder } from '../../../ports/execution-client.js';

/** "BTC-USD" <-> "BTC/USD" (spot symbols; a venue may need an explicit map for others). */
export const toCcxtSymbol = (symbol: string): string => symbol.replace('-', '/');
export const fromCcxtSymbol = (symbol: string): string =>
  symbol.split(':')[0]?.replace('/', '-') ?? symbol;

/**
 * ccxt hands amounts over as JS numbers parsed from the venue's decimal strings; the shortest
 * round-trip form of such a number is the venue's own text, so it converts back exactly.
 */
export function decimal(n: number | string | undefined | null): string {
  if (n === undefined || n === null || n === '') return '0';
  const s = typeof n === 'string' ? n : Number.isInteger(n) ? n.toFixed(0) : String(n);
  const text = /e/i.test(s)
    ? Number(s)
        .toFixed(18)
        .replace(/\.?0+$/, '')
    : s;
  return DecimalString.parse(text);
}

const STATUS: Record<string, OrderStatus> = {
  closed: 'FILLED',
  canceled: 'CANCELLED',
  cancelled: 'CANCELLED',
  expired: 'EXPIRED',
  rejected: 'REJECTED',
};

function orderType(o: CcxtOrder): OrderType {
  const t = (o.type ?? '').toLowerCase();
  if (o.triggerPrice !== undefined && o.triggerPrice !== null && t !== 'limit') return 'STOP';
  return t === 'limit' ? 'LIMIT' : t.includes('stop') ? 'STOP' : 'MARKET';
}

export function toVenueOrder(o: CcxtOrder, fallbackNow: number): VenueOrder {
  const filled = o.filled ?? 0;
  const status: OrderStatus =
    o.status === 'open' || o.status === undefined
      ? filled > 0
        ? 'PARTIALLY_FILLED'
        : 'SUBMITTED'
      : (STATUS[o.status] ?? 'SUBMITTED');
  const type = orderType(o);
  return {
    clientOrderId: o.clientOrderId ?? '',
    exchangeOrderId: String(o.id ?? ''),
    symbol: fromCcxtSymbol(o.symbol ?? ''),
    side: o.side === 'sell' ? 'SELL' : 'BUY',
    type,
    quantity: decimal(o.amount),
    limitPrice: type === 'LIMIT' && o.price ? decimal(o.price) : null,
    stopPrice: o.triggerPrice ? decimal(o.triggerPrice) : null,
    status,
    filledQuantity: decimal(filled),
    averageFillPrice: o.average ? decimal(o.average) : null,
    rejectReason: status === 'REJECTED' ? 'REJECTED_BY_VENUE' : null,
    updatedAt: o.lastUpdateTimestamp ?? o.timestamp ?? fallbackNow,
  };
}

export function toVenueFill(
  t: CcxtTrade,
  o: { clientOrderId: string; quote: string; fallbackNow: number },
): VenueFill {
  return {
    exchangeTradeId: String(t.id),
    clientOrderId: o.clientOrderId,
    exchangeOrderId: String(t.order ?? ''),
    symbol: fromCcxtSymbol(t.symbol ?? ''),
    side: t.side === 'sell' ? 'SELL' : 'BUY',
    quantity: decimal(t.amount),
    price: decimal(t.price),
    fee: decimal(t.fee?.cost ?? 0),
    feeCurrency: t.fee?.currency ?? o.quote,
    liquidity: t.takerOrMaker === 'maker' ? 'maker' : 'taker',
    at: t.timestamp ?? o.fallbackNow,
  };
}
