import type { Books, LedgerAccount, Position } from '@bytelyst/trading-contracts';
import { type Fixed, ZERO, formatFixed, mul, parseFixed } from '../money/fixed.js';

/**
 * Valuation of books at marks: pure arithmetic over the ledger's balances and the positions it
 * booked. Every figure a surface shows (positions' unrealised PnL, a profile's or an account's
 * equity) is computed here and nowhere else, exactly:
 *
 *   equity = cash + sum(quantity x mark)             (a position without a mark counts at cost)
 *          = capital + realized - fees + unrealized  (because the ledger balances to zero)
 */

/** A profile's ledger balances in "natural" signs (capital, realized gains positive). */
export interface LedgerBooks {
  capital: Fixed;
  cash: Fixed;
  positionsCost: Fixed;
  fees: Fixed;
  realized: Fixed;
}

export const emptyLedgerBooks = (): LedgerBooks => ({
  capital: ZERO,
  cash: ZERO,
  positionsCost: ZERO,
  fees: ZERO,
  realized: ZERO,
});

/**
 * Adds one account's balance (debits positive, credits negative, as the ledger stores it) to a
 * profile's books. Capital and realized PnL are credit accounts: their sign is turned.
 */
export function addBalance(books: LedgerBooks, account: LedgerAccount, balance: Fixed): void {
  switch (account) {
    case 'cash':
      books.cash += balance;
      return;
    case 'positions_at_cost':
      books.positionsCost += balance;
      return;
    case 'fees':
      books.fees += balance;
      return;
    case 'realized_pnl':
      books.realized -= balance;
      return;
    case 'capital':
      books.capital -= balance;
      return;
  }
}

export interface Mark {
  readonly price: Fixed;
  /** Epoch ms of the market print. */
  readonly at: number;
}

/** An open position as valuation needs it: exact quantity and cost. */
export interface Holding {
  readonly position: Position;
  readonly qty: Fixed;
  readonly cost: Fixed;
}

export const holdingOf = (position: Position): Holding => ({
  position,
  qty: parseFixed(position.quantity),
  cost: parseFixed(position.costBasis),
});

export interface MarkRule {
  readonly now: number;
  readonly staleAfterMs: number;
}

export interface ValuedHolding {
  readonly value: Fixed;
  readonly unrealized: Fixed;
  readonly stale: boolean;
}

/** A holding at a mark; without one it is valued at cost (no unrealised PnL) and counts as stale. */
export function valueHolding(h: Holding, mark: Mark | null, rule: MarkRule): ValuedHolding {
  if (!mark) return { value: h.cost, unrealized: ZERO, stale: true };
  const value = mul(h.qty, mark.price);
  return { value, unrealized: value - h.cost, stale: rule.now - mark.at > rule.staleAfterMs };
}

/** A mark as the wire shows it (one per mark, however many positions it values). */
export interface MarkText {
  readonly price: string;
  readonly at: string;
}

export const markText = (mark: Mark): MarkText => ({
  price: formatFixed(mark.price),
  at: new Date(mark.at).toISOString(),
});

/** The served position row: the stored one with its mark, unrealised PnL and staleness now. */
export function markedPosition(
  h: Holding,
  mark: Mark | null,
  rule: MarkRule,
  text: MarkText | null = mark ? markText(mark) : null,
): Position {
  const v = valueHolding(h, mark, rule);
  return {
    ...h.position,
    markPrice: text ? text.price : h.position.markPrice,
    markAt: text ? text.at : null,
    markStale: v.stale,
    unrealizedPnl: formatFixed(v.unrealized),
  };
}

export interface BooksFixed {
  capital: Fixed;
  cash: Fixed;
  positionsValue: Fixed;
  positionsCost: Fixed;
  unrealized: Fixed;
  realized: Fixed;
  fees: Fixed;
  openPositions: number;
  staleMarks: number;
}

export const emptyBooks = (): BooksFixed => ({
  capital: ZERO,
  cash: ZERO,
  positionsValue: ZERO,
  positionsCost: ZERO,
  unrealized: ZERO,
  realized: ZERO,
  fees: ZERO,
  openPositions: 0,
  staleMarks: 0,
});

/** Books of one profile: its ledger balances plus its holdings at their marks. */
export function valueBooks(
  ledger: LedgerBooks,
  holdings: readonly { holding: Holding; valued: ValuedHolding }[],
): BooksFixed {
  const b = emptyBooks();
  b.capital = ledger.capital;
  b.cash = ledger.cash;
  b.positionsCost = ledger.positionsCost;
  b.realized = ledger.realized;
  b.fees = ledger.fees;
  for (const { valued } of holdings) {
    b.positionsValue += valued.value;
    b.unrealized += valued.unrealized;
    b.openPositions += 1;
    if (valued.stale) b.staleMarks += 1;
  }
  return b;
}

export function addBooks(into: BooksFixed, b: BooksFixed): void {
  into.capital += b.capital;
  into.cash += b.cash;
  into.positionsValue += b.positionsValue;
  into.positionsCost += b.positionsCost;
  into.unrealized += b.unrealized;
  into.realized += b.realized;
  into.fees += b.fees;
  into.openPositions += b.openPositions;
  into.staleMarks += b.staleMarks;
}

export const equityOfBooks = (b: BooksFixed): Fixed => b.cash + b.positionsValue;

/**
 * The books as the wire shows them. `prev` (the same books' last answer) lends the text of every
 * figure that did not change: a mark that moves changes three of nine.
 */
export function booksToContract(
  b: BooksFixed,
  prev?: { readonly books: BooksFixed; readonly contract: Books },
): Books {
  const p = prev?.books;
  const c = prev?.contract;
  const text = (v: Fixed, old: Fixed | undefined, oldText: string | undefined) =>
    oldText !== undefined && old === v ? oldText : formatFixed(v);
  return {
    capital: text(b.capital, p?.capital, c?.capital),
    cash: text(b.cash, p?.cash, c?.cash),
    positionsValue: text(b.positionsValue, p?.positionsValue, c?.positionsValue),
    positionsCost: text(b.positionsCost, p?.positionsCost, c?.positionsCost),
    equity: text(equityOfBooks(b), p && equityOfBooks(p), c?.equity),
    unrealizedPnl: text(b.unrealized, p?.unrealized, c?.unrealizedPnl),
    realizedPnl: text(b.realized, p?.realized, c?.realizedPnl),
    fees: text(b.fees, p?.fees, c?.fees),
    netRealizedPnl: text(b.realized - b.fees, p && p.realized - p.fees, c?.netRealizedPnl),
    openPositions: b.openPositions,
    staleMarks: b.staleMarks,
  };
}
