import type { LedgerEntry, Trade } from '@bytelyst/trading-contracts';
import { tradeRecord } from './fill-booking.js';
import { fillTransaction } from './ledger/ledger.js';
import { type Fixed, abs, formatFixed } from './money/fixed.js';
import { type PositionState, applyFillToPosition } from './positions/position.js';

/** What an adjusting entry did: its one balanced ledger transaction, the cash move, a closed trip. */
export interface Adjustment {
  readonly ledgerEntries: LedgerEntry[];
  /** The cash account's movement (debit positive): -quantity x price. */
  readonly cashDelta: Fixed;
  readonly trade: Trade | null;
}

/**
 * Moves a position by `quantity` (signed: positive adds to the long side) at `price`, as if a
 * fee-free fill had happened there: the same cost-basis arithmetic as a real fill (a reduction
 * realises PnL against the cost basis, a position that goes flat closes its round trip), and one
 * balanced transaction (cash, positions at cost, realised PnL) with no fill behind it. This is how
 * the books adopt a venue position they did not hold, or drop one the venue does not have:
 * a new transaction, never an edit of the old ones. Mutates `position`.
 */
export function adjustPosition(o: {
  position: PositionState;
  quantity: Fixed;
  price: Fixed;
  at: number;
  transactionId: string;
  currency: string;
  memo: string;
  /** The profile's strategy now, recorded on a trade the adjustment closes. */
  strategy: string | null;
}): Adjustment {
  const { position } = o;
  const effect = applyFillToPosition(position, {
    side: o.quantity > 0n ? 'BUY' : 'SELL',
    quantity: abs(o.quantity),
    price: o.price,
    fee: 0n,
    at: o.at,
    decisionId: null,
    exitReason: 'adjustment',
  });
  const ledgerEntries = fillTransaction(
    {
      tenantId: position.tenantId,
      profileId: position.profileId,
      transactionId: o.transactionId,
      currency: o.currency,
      fillId: null,
      memo: `${o.memo} (${formatFixed(o.quantity)} ${position.symbol} @ ${formatFixed(o.price)})`.slice(
        0,
        200,
      ),
      postedAt: o.at,
    },
    effect.postings,
  );
  const c = effect.closed;
  return {
    ledgerEntries,
    cashDelta: effect.postings.cash,
    trade: c
      ? tradeRecord(c, {
          tenantId: position.tenantId,
          profileId: position.profileId,
          symbol: position.symbol,
          strategy: o.strategy,
        })
      : null,
  };
}
