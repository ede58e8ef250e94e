import { AppError, type LedgerAccount, type LedgerEntry } from '@bytelyst/trading-contracts';
import { type Fixed, formatFixed, parseFixed } from '../money/fixed.js';
import type { FillPostings } from '../positions/position.js';

/**
 * Double-entry capital ledger. Accounts per (tenant, profile): cash, positions_at_cost, fees,
 * realized_pnl, capital. Debits are positive, credits negative; each transaction sums to exactly
 * zero. Nothing is ever edited: a correction is a new transaction that reverses the old one.
 */
export interface TransactionHeader {
  readonly tenantId: string;
  readonly profileId: string;
  readonly transactionId: string;
  readonly currency: string;
  readonly fillId: string | null;
  readonly memo: string;
  readonly postedAt: number;
}

export type Leg = readonly [LedgerAccount, Fixed];

export function buildTransaction(header: TransactionHeader, legs: readonly Leg[]): LedgerEntry[] {
  const sum = legs.reduce((s, [, a]) => s + a, 0n);
  if (sum !== 0n) {
    throw new AppError(
      'INTERNAL',
      `ledger transaction ${header.transactionId} does not balance: ${formatFixed(sum)}`,
    );
  }
  const postedAt = new Date(header.postedAt).toISOString();
  const entries: LedgerEntry[] = [];
  for (const [account, amount] of legs) {
    if (amount === 0n) continue;
    entries.push({
      id: `${header.transactionId}:${entries.length}`,
      tenantId: header.tenantId,
      profileId: header.profileId,
      transactionId: header.transactionId,
      account,
      amount: formatFixed(amount),
      currency: header.currency,
      fillId: header.fillId,
      reversesTransactionId: null,
      memo: header.memo,
      postedAt,
    });
  }
  return entries;
}

export function fillTransaction(header: TransactionHeader, p: FillPostings): LedgerEntry[] {
  return buildTransaction(header, [
    ['cash', p.cash],
    ['positions_at_cost', p.positionsAtCost],
    ['fees', p.fees],
    ['realized_pnl', p.realizedPnl],
  ]);
}

/** Funds (positive) or withdraws (negative) a profile's trading capital. */
export function capitalTransaction(header: TransactionHeader, amount: Fixed): LedgerEntry[] {
  return buildTransaction(header, [
    ['cash', amount],
    ['capital', -amount],
  ]);
}

/** A new transaction that exactly cancels `original`; the original rows stay as they were. */
export function reverseTransaction(
  original: readonly LedgerEntry[],
  header: Omit<TransactionHeader, 'tenantId' | 'profileId' | 'currency' | 'fillId'>,
): LedgerEntry[] {
  const first = original[0];
  if (!first) throw new AppError('INTERNAL', 'nothing to reverse');
  const postedAt = new Date(header.postedAt).toISOString();
  return original.map((e, i) => ({
    ...e,
    id: `${header.transactionId}:${i}`,
    transactionId: header.transactionId,
    amount: formatFixed(-parseFixed(e.amount)),
    reversesTransactionId: first.transactionId,
    memo: header.memo,
    postedAt,
  }));
}

/** Sum of amounts per transaction id; a healthy ledger maps every id to 0n. */
export function transactionSums(entries: readonly LedgerEntry[]): Map<string, Fixed> {
  const sums = new Map<string, Fixed>();
  for (const e of entries)
    sums.set(e.transactionId, (sums.get(e.transactionId) ?? 0n) + parseFixed(e.amount));
  return sums;
}

export function accountBalances(entries: readonly LedgerEntry[]): Map<string, Fixed> {
  const out = new Map<string, Fixed>();
  for (const e of entries) {
    const key = `${e.profileId}/${e.account}`;
    out.set(key, (out.get(key) ?? 0n) + parseFixed(e.amount));
  }
  return out;
}
