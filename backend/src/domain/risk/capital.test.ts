import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCALE, mul, parseFixed as d, roundToStep } from '../money/fixed.js';
import { fittingQuantity, worstCaseCost, worstPrice } from './capital.js';

const bounds = { feeRate: d('0.001'), slippage: d('0.0002') };
const tick = d('0.01');
const lot = d('0.0001');

describe('worst-case capital', () => {
  it('counts notional at the slippage bound plus the fee, rounded against the order', () => {
    const o = {
      side: 'BUY',
      quantity: d('0.0625'),
      price: d('40000'),
      limit: false,
      tick,
      bounds,
    } as const;
    expect(worstPrice(o)).toBe(d('40008'));
    expect(worstCaseCost(o)).toBe(d('2503.0005'));
    // A limit order never fills above its price; a sell adds its proceeds less the fee.
    expect(worstCaseCost({ ...o, limit: true })).toBe(d('2502.5'));
    expect(worstCaseCost({ ...o, side: 'SELL' })).toBe(d('2.49950') - d('2499.5'));
  });

  it('bounds what a venue within the bounds can charge (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.integer({ min: 0, max: 2 }),
        (lots, ticks, slipBps) => {
          const quantity = lots * lot;
          const price = ticks * tick;
          // A paper-venue fill: price moved by at most the bound, fee rounded up to 1e-8.
          const fillPrice = roundToStep(
            mul(price, SCALE + BigInt(slipBps) * 10n ** 14n),
            tick,
            'ceil',
          );
          const value = mul(quantity, fillPrice);
          const fee = roundToStep(mul(value, bounds.feeRate, 'ceil'), 10n ** 10n, 'ceil');
          const cost = worstCaseCost({ side: 'BUY', quantity, price, limit: false, tick, bounds });
          expect(value + fee).toBeLessThanOrEqual(cost);
        },
      ),
    );
  });

  it('sizes down to the largest whole number of lots that fits (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 8n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (cashCents, ticks, lots) => {
          const cash = cashCents * 10n ** 16n;
          const o = {
            side: 'BUY',
            quantity: lots * lot,
            price: ticks * tick,
            limit: false,
            tick,
            bounds,
          } as const;
          const q = fittingQuantity({ ...o, cash, lot });
          expect(q % lot).toBe(0n);
          expect(q <= o.quantity).toBe(true);
          if (q > 0n) expect(worstCaseCost({ ...o, quantity: q })).toBeLessThanOrEqual(cash);
          if (q < o.quantity)
            expect(worstCaseCost({ ...o, quantity: q + lot })).toBeGreaterThan(cash);
        },
      ),
    );
  });
});
