import { type Fixed, abs, formatFixed } from '../domain/money/fixed.js';
import type { VenueOrder } from '../ports/execution-client.js';

/**
 * Pure parts of reconciliation. Invariants: every symbol held on either side is compared exactly
 * once; a difference within `tolerance` is not a mismatch; results are sorted so two runs over
 * the same input produce the same plan (and the same audit text).
 */
export interface PositionMismatch {
  readonly symbol: string;
  readonly local: Fixed;
  readonly venue: Fixed;
  readonly difference: Fixed;
}

export function comparePositions(options: {
  local: ReadonlyMap<string, Fixed>;
  venue: ReadonlyMap<string, Fixed>;
  tolerance: Fixed;
}): PositionMismatch[] {
  const symbols = [...new Set([...options.local.keys(), ...options.venue.keys()])].sort();
  const out: PositionMismatch[] = [];
  for (const symbol of symbols) {
    const local = options.local.get(symbol) ?? 0n;
    const venue = options.venue.get(symbol) ?? 0n;
    const difference = venue - local;
    if (abs(difference) > options.tolerance) out.push({ symbol, local, venue, difference });
  }
  return out;
}

/** Venue open orders whose client order id this system never created. */
export function externalOrders(
  venueOpen: readonly VenueOrder[],
  isKnown: (clientOrderId: string) => boolean,
): VenueOrder[] {
  return venueOpen
    .filter((v) => !isKnown(v.clientOrderId))
    .sort((a, b) => a.clientOrderId.localeCompare(b.clientOrderId));
}

export function describeMismatch(m: PositionMismatch): string {
  return `${m.symbol}: books ${formatFixed(m.local)}, venue ${formatFixed(m.venue)} (difference ${formatFixed(m.difference)})`;
}
