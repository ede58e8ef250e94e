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
