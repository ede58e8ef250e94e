import { describe, expect, it } from 'vitest';
import { parseFixed } from '../money/fixed.js';
import {
  accountBalances,
  buildTransaction,
  capitalTransaction,
  reverseTransaction,
  transactionSums,
} from './ledger.js';

const header = {
  tenantId: 't',
  profileId: 'p',
  currency: 'USD',
  fillId: null,
  memo: 'm',
  postedAt: 0,
};

describe('double-entry ledger', () => {
  it('refuses a transaction that does not balance', () => {
    expect(() =>
      buildTransaction({ ...header, transactionId: 'tx1' }, [
        ['cash', 1n],
        ['fees', 2n],
      ]),
    ).toThrow(/does not balance/);
  });

  it('corrects by a reversing transaction, never by editing', () => {
    const original = capitalTransaction({ ...header, transactionId: 'tx1' }, parseFixed('1000'));
    const frozen = JSON.stringify(original);
    const reversal = reverseTransaction(original, {
      transactionId: 'tx2',
      memo: 'wrong amount',
      postedAt: 1,
    });
    expect(JSON.stringify(original)).toBe(frozen);
    expect(
      reversal.every((e) => e.reversesTransactionId === 'tx1' && e.transactionId === 'tx2'),
    ).toBe(true);
    const corrected = capitalTransaction({ ...header, transactionId: 'tx3' }, parseFixed('800'));
    const all = [...original, ...reversal, ...corrected];
    for (const s of transactionSums(all).values()) expect(s).toBe(0n);
    expect(accountBalances(all).get('p/cash')).toBe(parseFixed('800'));
    expect(accountBalances(all).get('p/capital')).toBe(parseFixed('-800'));
  });
});
