import type { PaperAccount } from '../../src/adapters/exchange/paper/paper-account.js';
import { type Fixed, mul, parseFixed, SCALE, ZERO } from '../../src/domain/money/fixed.js';
import type { SubmitOrderRequest } from '../../src/ports/execution-client.js';
import { BinanceError } from './binance-errors.js';

/** POST /api/v3/order's parameters as the paper venue's order request. */
export function submitFromParams(
  p: URLSearchParams,
  ourSymbol: (binance: string) => string,
): SubmitOrderRequest {
  const symbol = ourSymbol(p.get('symbol') ?? '');
  const side = p.get('side');
  const type = p.get('type');
  const quantity = p.get('quantity');
  if ((side !== 'BUY' && side !== 'SELL') || !type || !quantity)
    throw new BinanceError('mandatoryParam');
  const price = p.get('price');
  const stopPrice = p.get('stopPrice');
  const ours =
    type === 'LIMIT'
      ? 'LIMIT'
      : type === 'MARKET'
        ? 'MARKET'
        : type === 'STOP_LOSS'
          ? 'STOP'
          : null;
  if (ours === null) throw new BinanceError('orderRejected');
  if (ours === 'LIMIT' && !price) throw new BinanceError('mandatoryParam');
  if (ours === 'STOP' && !stopPrice) throw new BinanceError('mandatoryParam');
  return {
    clientOrderId:
      p.get('newClientOrderId') ??
      `x-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
    symbol,
    side,
    type: ours,
    quantity: trimZeros(quantity),
    limitPrice: ours === 'LIMIT' && price ? trimZeros(price) : null,
    stopPrice: ours === 'STOP' && stopPrice ? trimZeros(stopPrice) : null,
    reduceOnly: false,
  };
}

const trimZeros = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** Spot: a buy needs its cost and fee in quote cash, a sell needs the base it sells. */
export function checkSpotBalance(
  account: PaperAccount,
  o: { request: SubmitOrderRequest; last: Fixed | undefined },
): void {
  const r = o.request;
  const qty = parseFixed(r.quantity);
  if (r.side === 'SELL') {
    if ((account.positions.get(r.symbol) ?? ZERO) < qty)
      throw new BinanceError('insufficientBalance');
    return;
  }
  const price =
    r.limitPrice !== null
      ? parseFixed(r.limitPrice)
      : r.stopPrice !== null
        ? parseFixed(r.stopPrice)
        : o.last;
  if (price === undefined) return;
  const cost = mul(mul(qty, price), SCALE + SCALE / 100n);
  if (cost > account.cash) throw new BinanceError('insufficientBalance');
}

/** Binance's REQUEST_WEIGHT: per caller and minute; past the limit, seconds until the next. */
export function chargeWeight(
  windows: Map<string, { windowStart: number; used: number }>,
  o: { caller: string; cost: number; limit: number; now: number },
) {
  const windowStart = Math.floor(o.now / 60_000) * 60_000;
  let w = windows.get(o.caller);
  if (!w || w.windowStart !== windowStart) w = { windowStart, used: 0 };
  w.used += o.cost;
  windows.set(o.caller, w);
  return {
    used: w.used,
    retryAfterS: w.used > o.limit ? Math.ceil((windowStart + 60_000 - o.now) / 1000) : null,
  };
}
