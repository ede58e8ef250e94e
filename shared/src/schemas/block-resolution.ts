import { z } from 'zod';
import { DecimalString, Id, Reason, Symbol } from '../primitives.js';
import { Order } from './trading.js';

/**
 * How an operator settles a blocked profile (docs/OPERATIONS.md, "A blocked profile"):
 * - `adopt`: the venue is right. One balanced adjusting ledger transaction per symbol moves the
 *   books' position to the venue's, priced at the current mark (cash moves by difference x mark),
 *   and the block is lifted.
 * - `flatten`: the books are right. The venue's extra position is closed with a market exit
 *   through the normal order path and pre-trade gate, so venue == books afterwards. Only an
 *   order that shrinks the venue's position is sent; where the venue holds less than the books
 *   (flattening would open exposure) it is refused: adopt instead.
 * - `keep_blocked`: the decision is recorded; the profile stays blocked.
 */
export const BlockResolutionAction = z.enum(['adopt', 'flatten', 'keep_blocked']);
export type BlockResolutionAction = z.infer<typeof BlockResolutionAction>;

export const ResolveBlockBody = z.strictObject({
  action: BlockResolutionAction,
  reason: Reason,
});
export type ResolveBlockBody = z.infer<typeof ResolveBlockBody>;

/** Books vs venue for one symbol, as the venue and the books said when the decision was taken. */
export const BlockFigure = z.strictObject({
  symbol: Symbol,
  /** The tenant's books, every profile summed (the venue holds one account per tenant). */
  books: DecimalString,
  venue: DecimalString,
  /** venue - books. */
  difference: DecimalString,
  /** The mark an adjustment was priced at (null when nothing was adjusted). */
  price: DecimalString.nullable(),
});
export type BlockFigure = z.infer<typeof BlockFigure>;

export const BlockResolution = z.strictObject({
  profileId: Id,
  action: BlockResolutionAction,
  /** The block as it was before the decision. */
  blockedReasonBefore: z.string().max(500),
  /** Still blocked afterwards (keep_blocked, or a flatten exit the venue refused). */
  blocked: z.boolean(),
  blockedReason: z.string().max(500).nullable(),
  figures: z.array(BlockFigure),
  /** Ledger transactions of the adjustment (adopt, and the first step of flatten). */
  ledgerTransactionIds: z.array(Id),
  /** The exit orders a flatten sent. */
  orders: z.array(Order),
  /** Open alerts of this profile's block that the decision acknowledged. */
  acknowledgedAlerts: z.number().int().nonnegative(),
});
export type BlockResolution = z.infer<typeof BlockResolution>;

/** Books vs venue as a block's reason states them (`SYMBOL: books X, venue Y (difference Z)`). */
export interface StatedFigure {
  readonly symbol: string;
  readonly books: string;
  readonly venue: string;
  readonly difference: string;
}

const FIGURE_RE =
  /([A-Z0-9][A-Z0-9._-]*): books (-?\d+(?:\.\d+)?), venue (-?\d+(?:\.\d+)?) \(difference (-?\d+(?:\.\d+)?)\)/g;

/**
 * The figures inside a mismatch block's reason, for surfaces that show them as numbers rather
 * than a sentence (empty for other blocks, e.g. refused exits). The text is written by the
 * backend's reconciliation (`describeMismatch`), so the format is this contract's.
 */
export function blockFiguresOf(reason: string | null | undefined): StatedFigure[] {
  if (!reason) return [];
  return [...reason.matchAll(FIGURE_RE)].map((m) => ({
    symbol: m[1] ?? '',
    books: m[2] ?? '',
    venue: m[3] ?? '',
    difference: m[4] ?? '',
  }));
}
