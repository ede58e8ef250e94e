import { AppError, type Instrument } from '@bytelyst/trading-contracts';
import {
  type Fixed,
  type RoundingMode,
  fromNumber,
  mul,
  parseFixed,
  roundToStep,
} from './fixed.js';

/** An instrument with its trading steps as exact values, built once from the contract record. */
export interface InstrumentSpec {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly tick: Fixed;
  readonly lot: Fixed;
  readonly minNotional: Fixed;
  readonly tickFloat: number;
  readonly contract: Instrument;
}

export function toInstrumentSpec(instrument: Instrument): InstrumentSpec {
  return {
    symbol: instrument.symbol,
    base: instrument.base,
    quote: instrument.quote,
    tick: parseFixed(instrument.tickSize),
    lot: parseFixed(instrument.lotSize),
    minNotional: parseFixed(instrument.minNotional),
    tickFloat: Number(instrument.tickSize),
    contract: instrument,
  };
}

/** Prices round to the tick; `half-up` for marks, `floor`/`ceil` where the side matters. */
export function roundPrice(
  spec: InstrumentSpec,
  price: Fixed,
  mode: RoundingMode = 'half-up',
): Fixed {
  return roundToStep(price, spec.tick, mode);
}

/** Quantities always round down to the lot: never buy or sell more than was sized. */
export function roundQuantity(spec: InstrumentSpec, quantity: Fixed): Fixed {
  return roundToStep(quantity, spec.lot, 'trunc');
}

export function priceFromNumber(spec: InstrumentSpec, price: number): Fixed {
  // Fast path: count whole ticks in float space; exact while the tick count stays well inside
  // 2^53 (any real price), and checked against the exact path otherwise.
  const ticks = Math.round(price / spec.tickFloat);
  const p =
    Number.isSafeInteger(ticks) && ticks < 2 ** 50
      ? BigInt(ticks) * spec.tick
      : roundPrice(spec, fromNumber(price));
  if (p <= 0n) throw new AppError('UNPROCESSABLE', `price rounds to zero for ${spec.symbol}`);
  return p;
}

export function isOnStep(value: Fixed, step: Fixed): boolean {
  return value % step === 0n;
}

export function notional(quantity: Fixed, price: Fixed): Fixed {
  return mul(quantity, price, 'half-up');
}
