import {
  PAPER_VENUE_TAG,
  type Position,
  type Side,
  type VenueTag,
} from '@bytelyst/trading-contracts';
import {
  type Fixed,
  ZERO,
  abs,
  div,
  divRound,
  formatFixed,
  mul,
  parseFixed,
  sign,
} from '../money/fixed.js';

/** The current round trip (entry to flat) of a position, from which a Trade is written. */
export interface RoundTrip {
  readonly side: 'LONG' | 'SHORT';
  readonly openedAt: number;
  readonly entryDecisionId: string | null;
  entryQty: Fixed;
  entryValue: Fixed;
  exitQty: Fixed;
  exitValue: Fixed;
  realized: Fixed;
  fees: Fixed;
}

/**
 * A position keeps its cost basis (`cost`, signed like `qty`) rather than an average price, so
 * removing the last unit removes exactly the remaining cost and the ledger's positions-at-cost
 * account returns to zero when the position is flat. The average entry is derived for display.
 */
export interface PositionState {
  readonly tenantId: string;
  readonly profileId: string;
  readonly symbol: string;
  qty: Fixed;
  cost: Fixed;
  realized: Fixed;
  fees: Fixed;
  mark: Fixed | null;
  updatedAt: number;
  trip: RoundTrip | null;
}

export function flatPosition(
  ids: { tenantId: string; profileId: string; symbol: string },
  at = 0,
): PositionState {
  return {
    ...ids,
    qty: ZERO,
    cost: ZERO,
    realized: ZERO,
    fees: ZERO,
    mark: null,
    updatedAt: at,
    trip: null,
  };
}

export interface PositionFill {
  readonly side: Side;
  readonly quantity: Fixed;
  readonly price: Fixed;
  readonly fee: Fixed;
  readonly at: number;
  readonly decisionId: string | null;
  readonly exitReason: string;
}

/** Ledger movements caused by one fill (debits positive). They always sum to zero. */
export interface FillPostings {
  readonly cash: Fixed;
  readonly positionsAtCost: Fixed;
  readonly fees: Fixed;
  readonly realizedPnl: Fixed;
}

export interface ClosedTrip {
  readonly side: 'LONG' | 'SHORT';
  readonly quantity: Fixed;
  readonly entryPrice: Fixed;
  readonly exitPrice: Fixed;
  readonly realizedPnl: Fixed;
  readonly fees: Fixed;
  readonly openedAt: number;
  readonly closedAt: number;
  readonly entryDecisionId: string | null;
  readonly exitDecisionId: string | null;
  readonly exitReason: string;
}

export interface FillEffect {
  readonly postings: FillPostings;
  /** Gross realised PnL of this fill (before fees). */
  readonly realized: Fixed;
  readonly closed: ClosedTrip | null;
}

/**
 * Applies a fill to the position in place and returns the ledger postings and, when the position
 * went flat, the closed round trip. A fill that crosses zero (long to short) closes one trip and
 * opens the next; its fee is split between the two by quantity.
 */
export function applyFillToPosition(pos: PositionState, fill: PositionFill): FillEffect {
  const d = fill.side === 'BUY' ? fill.quantity : -fill.quantity;
  const before = pos.qty;
  const closing = before !== 0n && sign(d) !== sign(before);
  const c = closing ? (abs(d) > abs(before) ? -before : d) : ZERO;
  const o = d - c;

  const removedCost =
    c === 0n
      ? ZERO
      : abs(c) === abs(before)
        ? pos.cost
        : divRound(pos.cost * abs(c), abs(before), 'half-up');
  const costDelta = -removedCost + mul(o, fill.price);
  const cash = -mul(d, fill.price) - fill.fee;
  const realizedPnl = -(cash + costDelta + fill.fee);
  const realized = -realizedPnl;
  const closeFee =
    c === 0n ? ZERO : o === 0n ? fill.fee : divRound(fill.fee * abs(c), abs(d), 'half-up');
  const openFee = fill.fee - closeFee;

  pos.qty = before + d;
  pos.cost += costDelta;
  pos.realized += realized;
  pos.fees += fill.fee;
  pos.updatedAt = Math.max(pos.updatedAt, fill.at);

  let closed: ClosedTrip | null = null;
  if (c !== 0n && pos.trip) {
    const t = pos.trip;
    t.exitQty += abs(c);
    t.exitValue += mul(abs(c), fill.price);
    t.realized += realized;
    t.fees += closeFee;
    if (abs(c) === abs(before)) {
      closed = {
        side: t.side,
        quantity: t.entryQty,
        entryPrice: div(t.entryValue, t.entryQty),
        exitPrice: div(t.exitValue, t.exitQty),
        realizedPnl: t.realized,
        fees: t.fees,
        openedAt: t.openedAt,
        closedAt: fill.at,
        entryDecisionId: t.entryDecisionId,
        exitDecisionId: fill.decisionId,
        exitReason: fill.exitReason,
      };
      pos.trip = null;
    }
  }
  if (o !== 0n) {
    pos.trip ??= {
      side: o > 0n ? 'LONG' : 'SHORT',
      openedAt: fill.at,
      entryDecisionId: fill.decisionId,
      entryQty: ZERO,
      entryValue: ZERO,
      exitQty: ZERO,
      exitValue: ZERO,
      realized: ZERO,
      fees: ZERO,
    };
    pos.trip.entryQty += abs(o);
    pos.trip.entryValue += mul(abs(o), fill.price);
    pos.trip.fees += openFee;
  }
  return {
    postings: { cash, positionsAtCost: costDelta, fees: fill.fee, realizedPnl },
    realized,
    closed,
  };
}

export function averageEntry(pos: PositionState): Fixed {
  return pos.qty === 0n ? ZERO : div(abs(pos.cost), abs(pos.qty));
}

export function unrealized(pos: PositionState, mark: Fixed | null = pos.mark): Fixed {
  if (pos.qty === 0n || mark === null) return ZERO;
  return mul(pos.qty, mark) - pos.cost;
}

/** The contract form; `venue` is the account of the position's profile (the paper book if none given). */
export function positionToContract(
  pos: PositionState,
  venue: VenueTag = PAPER_VENUE_TAG,
): Position {
  return {
    tenantId: pos.tenantId,
    profileId: pos.profileId,
    symbol: pos.symbol,
    quantity: formatFixed(pos.qty),
    averageEntryPrice: formatFixed(averageEntry(pos)),
    costBasis: formatFixed(pos.cost),
    // The engine's mark is the last close it valued the position at; the API's portfolio view
    // revalues every served position at the live mark, with its time and staleness.
    markPrice: pos.mark === null ? null : formatFixed(pos.mark),
    markAt: null,
    markStale: false,
    realizedPnl: formatFixed(pos.realized),
    unrealizedPnl: formatFixed(unrealized(pos)),
    fees: formatFixed(pos.fees),
    openedAt: pos.trip ? new Date(pos.trip.openedAt).toISOString() : null,
    venue,
    updatedAt: new Date(pos.updatedAt).toISOString(),
  };
}

/**
 * Rebuilds a position from its stored row, with its exact cost basis when the row has one (else
 * quantity times the average entry, which may differ from the booked cost in the 18th place).
 * A round trip that spanned a restart reports its entry from that cost.
 */
export function positionFromContract(
  p: Omit<Position, 'costBasis'> & { readonly costBasis?: string | null },
  entryDecisionId: string | null = null,
): PositionState {
  const qty = parseFixed(p.quantity);
  const cost =
    p.costBasis !== undefined && p.costBasis !== null
      ? parseFixed(p.costBasis)
      : mul(qty, parseFixed(p.averageEntryPrice));
  const pos: PositionState = {
    tenantId: p.tenantId,
    profileId: p.profileId,
    symbol: p.symbol,
    qty,
    cost,
    realized: parseFixed(p.realizedPnl),
    fees: parseFixed(p.fees),
    mark: p.markPrice === null ? null : parseFixed(p.markPrice),
    updatedAt: Date.parse(p.updatedAt),
    trip: null,
  };
  if (qty !== 0n) {
    pos.trip = {
      side: qty > 0n ? 'LONG' : 'SHORT',
      openedAt: p.openedAt ? Date.parse(p.openedAt) : Date.parse(p.updatedAt),
      entryDecisionId,
      entryQty: abs(qty),
      entryValue: abs(cost),
      exitQty: ZERO,
      exitValue: ZERO,
      realized: ZERO,
      fees: ZERO,
    };
  }
  return pos;
}
