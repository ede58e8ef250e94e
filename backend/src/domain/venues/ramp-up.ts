import { type RampUp, rampUpPositionAt } from '@bytelyst/trading-contracts';
import { type Fixed, div, parseFixed, roundToStep } from '../money/fixed.js';

export interface RampUpCap {
  /** The largest order notional allowed now. */
  readonly cap: Fixed;
  /** Whole days since the profile went live. */
  readonly day: number;
}

/**
 * The order-size cap a newly live profile trades under at `now`: the last step of its ramp-up
 * that has started, until `fullAfterDays`, after which only its own limits apply (null).
 */
export function rampUpCap(rampUp: RampUp | null, now: number): RampUpCap | null {
  if (!rampUp) return null;
  const { day, step } = rampUpPositionAt(rampUp, now);
  return step ? { cap: parseFixed(step.maxOrderNotional), day } : null;
}

/** The largest quantity on the lot whose notional at `price` stays within `cap` (0 if none). */
export function quantityWithinCap(o: { cap: Fixed; price: Fixed; lot: Fixed }): Fixed {
  if (o.price <= 0n) return 0n;
  return roundToStep(div(o.cap, o.price, 'floor'), o.lot, 'floor');
}
