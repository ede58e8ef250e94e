import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCALE, parseFixed } from '../money/fixed.js';
import { entryQuantity } from './entry-sizing.js';

const limits = {
  maxOrderNotional: parseFixed('2500'),
  maxPositionNotional: parseFixed('5000'),
  capital: parseFixed('10000'),
  maxOpenPositions: 3,
};
const base = {
  price: parseFixed('123.45'),
  lot: parseFixed('0.001'),
  cash: parseFixed('8000'),
  equity: parseFixed('9000'),
  limits,
};

describe('entry sizing', () => {
  it('sizes each mode from its own base, floored to the lot', () => {
    const q = (sizing: Parameters<typeof entryQuantity>[0]['sizing']) =>
      entryQuantity({ ...base, sizing });
    // 2500 / 123.45 = 20.2511...
    expect(q({ mode: 'limits' })).toBe(parseFixed('20.251'));
    expect(q({ mode: 'fixed_notional', notional: '1000' })).toBe(parseFixed('8.100'));
    // 8000 * 0.25 = 2000 -> 16.2008...
    expect(q({ mode: 'percent_cash', percent: '25' })).toBe(parseFixed('16.2'));
    // 9000 * 0.125 = 1125 -> 9.1130...
    expect(q({ mode: 'percent_equity', percent: '12.5' })).toBe(parseFixed('9.113'));
  });

  it('sizes nothing from negative cash, and nothing below one lot', () => {
    const sizing = { mode: 'percent_cash', percent: '100' } as const;
    expect(entryQuantity({ ...base, sizing, cash: parseFixed('-5') })).toBe(0n);
    expect(entryQuantity({ ...base, sizing, cash: parseFixed('0.1') })).toBe(0n);
  });

  it('never spends more than the share it was given', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1000 }),
        (cashCents, priceCents, pctTenths) => {
          const cash = (BigInt(cashCents) * SCALE) / 100n;
          const price = (BigInt(priceCents) * SCALE) / 100n;
          const percent = (pctTenths / 10).toFixed(1);
          const q = entryQuantity({
            ...base,
            price,
            cash,
            sizing: { mode: 'percent_cash', percent },
          });
          const budget = (cash * BigInt(pctTenths)) / 1000n;
          expect(q % base.lot).toBe(0n);
          expect((q * price) / SCALE).toBeLessThanOrEqual(budget);
          // One more lot would not fit (up to the 1e-18 the quotient is floored to).
          expect((q + base.lot) * price).toBeGreaterThan(budget * SCALE - price);
        },
      ),
    );
  });
});
