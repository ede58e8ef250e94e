import type { EntrySizing } from '@bytelyst/trading-contracts';
import { type Fixed, SCALE, div, min, mul, parseFixed, roundToStep } from '../money/fixed.js';

/** What an entry's size can depend on, all exact, at the signal candle's close. */
export interface SizingInput {
  readonly sizing: EntrySizing;
  /** The price the entry is sized at: the signal candle's close on the tick. */
  readonly price: Fixed;
  readonly lot: Fixed;
  /** The profile's free cash and its equity (cash + positions at the last price). */
  readonly cash: Fixed;
  readonly equity: Fixed;
  /** `limits` mode: the smallest of these, as a live profile sizes. */
  readonly limits: {
    readonly maxOrderNotional: Fixed;
    readonly maxPositionNotional: Fixed;
    readonly capital: Fixed;
    readonly maxOpenPositions: number;
  };
}

const HUNDRED = 100n * SCALE;

/** The notional an entry aims at before it is turned into a quantity. */
export function targetNotional(s: Omit<SizingInput, 'price' | 'lot'>): Fixed {
  const z = s.sizing;
  switch (z.mode) {
    case 'limits': {
      const l = s.limits;
      const share = div(l.capital, BigInt(l.maxOpenPositions) * SCALE, 'floor');
      return min(min(l.maxOrderNotional, l.maxPositionNotional), share);
    }
    case 'fixed_notional':
      return parseFixed(z.notional);
    case 'percent_cash':
      return div(mul(s.cash, parseFixed(z.percent), 'floor'), HUNDRED, 'floor');
    case 'percent_equity':
      return div(mul(s.equity, parseFixed(z.percent), 'floor'), HUNDRED, 'floor');
  }
}

/**
 * The entry quantity: floor(target notional / price) floored to the lot, every step rounded
 * down (18 decimals), so an entry never exceeds what it was sized to. 0 when nothing fits (the
 * pre-trade gate then refuses it: QUANTITY_BELOW_LOT). A negative cash or equity sizes 0.
 */
export function entryQuantity(s: SizingInput): Fixed {
  const target = targetNotional(s);
  if (target <= 0n || s.price <= 0n) return 0n;
  return roundToStep(div(target, s.price, 'floor'), s.lot, 'floor');
}
