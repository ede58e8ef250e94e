import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed, parseFixed } from './fixed.js';
import {
  isOnStep,
  priceFromNumber,
  roundPrice,
  roundQuantity,
  toInstrumentSpec,
} from './instrument.js';

const btc = toInstrumentSpec({
  symbol: 'BTC-USD',
  base: 'BTC',
  quote: 'USD',
  kind: 'crypto',
  tickSize: '0.01',
  lotSize: '0.0001',
  minNotional: '10',
});

describe('instrument rounding', () => {
  it('rounds prices to the tick and quantities down to the lot', () => {
    expect(formatFixed(roundPrice(btc, parseFixed('64000.005')))).toBe('64000.01');
    expect(formatFixed(roundPrice(btc, parseFixed('64000.005'), 'floor'))).toBe('64000');
    expect(formatFixed(roundQuantity(btc, parseFixed('0.12349')))).toBe('0.1234');
    expect(formatFixed(priceFromNumber(btc, 64123.456))).toBe('64123.46');
  });

  it('never rounds a quantity up and always lands on a lot', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 24n }), (q) => {
        const r = roundQuantity(btc, q);
        return r <= q && isOnStep(r, btc.lot) && q - r < btc.lot;
      }),
    );
  });

  it('refuses a price that rounds to nothing', () => {
    expect(() => priceFromNumber(btc, 0.001)).toThrow();
  });
});
