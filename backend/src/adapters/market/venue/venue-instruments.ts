import type { Instrument } from '@bytelyst/trading-contracts';
import type { MarketInterface } from 'ccxt';
import { fromCcxtSymbol } from '../../exchange/ccxt/mapping.js';

/** A ccxt number as a plain decimal string (ccxt parses "0.00000100" to 1e-6). */
function text(n: number): string {
  return n.toFixed(12).replace(/\.?0+$/, '');
}

/**
 * An instrument as the venue trades it: tick size, lot size and minimum notional from its
 * market (ccxt's TICK_SIZE precision mode gives the steps themselves; DECIMAL_PLACES gives
 * digits). Null when the venue does not say enough to price an order safely.
 */
export function instrumentOf(
  m: MarketInterface,
  precision: { tickSizeMode: boolean },
): Instrument | null {
  if (!m.spot || m.active === false) return null;
  const step = (p: number | undefined): number | undefined =>
    p === undefined ? undefined : precision.tickSizeMode ? p : 10 ** -p;
  const tick = step(m.precision.price);
  const lot = step(m.precision.amount);
  if (tick === undefined || lot === undefined || !(tick > 0) || !(lot > 0)) return null;
  return {
    symbol: fromCcxtSymbol(m.symbol),
    base: m.base,
    quote: m.quote,
    kind: 'crypto',
    tickSize: text(tick),
    lotSize: text(lot),
    minNotional: text(m.limits.cost?.min ?? 0),
  };
}
