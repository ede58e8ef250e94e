import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BooksFixed, booksToContract } from './valuation.js';

const amount = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
const books = fc.record({
  capital: amount,
  cash: amount,
  positionsValue: amount,
  positionsCost: amount,
  unrealized: amount,
  realized: amount,
  fees: amount,
  openPositions: fc.nat(20),
  staleMarks: fc.nat(20),
}) as fc.Arbitrary<BooksFixed>;
const fields = fc.subarray([
  'capital',
  'cash',
  'positionsValue',
  'positionsCost',
  'unrealized',
  'realized',
  'fees',
] as const);

describe('booksToContract', () => {
  it("reusing the previous answer's text gives exactly what formatting afresh gives", () => {
    fc.assert(
      fc.property(books, fields, amount, (before, moved, delta) => {
        const after: BooksFixed = { ...before };
        for (const k of moved) after[k] = before[k] + delta;
        const prev = { books: before, contract: booksToContract(before) };
        expect(booksToContract(after, prev)).toEqual(booksToContract(after));
      }),
      { numRuns: 500 },
    );
  });
});
