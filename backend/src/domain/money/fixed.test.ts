import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SCALE,
  divRound,
  formatFixed,
  fromNumber,
  fromObservation,
  mul,
  div,
  parseFixed,
  roundToStep,
} from './fixed.js';

const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }),
    fc.bigInt({ min: 0n, max: SCALE - 1n }),
  )
  .map(([neg, i, f]) => {
    const frac = f === 0n ? '' : '.' + f.toString().padStart(18, '0').replace(/0+$/, '');
    const s = i.toString() + frac;
    return neg && s !== '0' ? '-' + s : s;
  });

describe('fixed-point money', () => {
  it('parses and formats canonically', () => {
    expect(parseFixed('12.50')).toBe(125n * 10n ** 17n);
    expect(formatFixed(parseFixed('12.50'))).toBe('12.5');
    expect(formatFixed(parseFixed('-0.000000000000000001'))).toBe('-0.000000000000000001');
    expect(formatFixed(parseFixed('-0'))).toBe('0');
    expect(() => parseFixed('1e5')).toThrow();
    expect(() => parseFixed('0.1234567890123456789')).toThrow();
  });

  it('refuses every text that is not a plain decimal, and reads every one that is', () => {
    for (const bad of ['', '-', '.5', '-.5', '5.', '1.2.3', '--1', '+1', ' 1', '1 ', '1,5', '0x10'])
      expect(() => parseFixed(bad), JSON.stringify(bad)).toThrow(/not a decimal number/);
    // Same acceptance as /^-?\d+(?:\.\d+)?$/ (the parser's previous check), for any string.
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.-+e ') }), (t) => {
        const plain = /^-?\d+(?:\.\d+)?$/.test(t) && (t.split('.')[1]?.length ?? 0) <= 18;
        let ok = true;
        try {
          parseFixed(t);
        } catch {
          ok = false;
        }
        return ok === plain;
      }),
    );
  });

  it('round-trips every canonical decimal string exactly', () => {
    fc.assert(fc.property(decimalText, (s) => formatFixed(parseFixed(s)) === s));
  });

  it('adds exactly where floats do not', () => {
    expect(formatFixed(parseFixed('0.1') + parseFixed('0.2'))).toBe('0.3');
  });

  it('rounds in every mode as documented', () => {
    expect(divRound(7n, 2n, 'floor')).toBe(3n);
    expect(divRound(-7n, 2n, 'floor')).toBe(-4n);
    expect(divRound(7n, 2n, 'ceil')).toBe(4n);
    expect(divRound(-7n, 2n, 'ceil')).toBe(-3n);
    expect(divRound(-7n, 2n, 'trunc')).toBe(-3n);
    expect(divRound(5n, 2n, 'half-up')).toBe(3n);
    expect(divRound(-5n, 2n, 'half-up')).toBe(-3n);
    expect(divRound(4n, 3n, 'half-up')).toBe(1n);
    expect(divRound(7n, -2n, 'floor')).toBe(-4n);
  });

  it('floor and ceil bracket the exact quotient', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n, max: 10n ** 30n }), (n, d) => {
        const lo = divRound(n, d, 'floor');
        const hi = divRound(n, d, 'ceil');
        return lo * d <= n && n <= hi * d && hi - lo <= 1n;
      }),
    );
  });

  it('multiplies and divides with 18-digit precision', () => {
    expect(formatFixed(mul(parseFixed('1.5'), parseFixed('2.25')))).toBe('3.375');
    expect(formatFixed(div(parseFixed('1'), parseFixed('3')))).toBe('0.333333333333333333');
    expect(formatFixed(div(parseFixed('2'), parseFixed('3')))).toBe('0.666666666666666667');
  });

  it('rounds to ticks and lots', () => {
    const tick = parseFixed('0.01');
    expect(formatFixed(roundToStep(parseFixed('101.2345'), tick, 'half-up'))).toBe('101.23');
    expect(formatFixed(roundToStep(parseFixed('101.235'), tick, 'half-up'))).toBe('101.24');
    expect(formatFixed(roundToStep(parseFixed('0.00999'), parseFixed('0.001'), 'floor'))).toBe(
      '0.009',
    );
  });

  it('turns indicator floats into exact values once rounded to a tick', () => {
    const tick = parseFixed('0.01');
    expect(formatFixed(roundToStep(fromNumber(0.1 + 0.2), tick, 'half-up'))).toBe('0.3');
    expect(formatFixed(roundToStep(fromNumber(64123.45), tick, 'half-up'))).toBe('64123.45');
  });
});

describe('observed floats', () => {
  it('travel as the decimal a person would write, not the binary expansion', () => {
    expect(formatFixed(fromObservation(50169.21))).toBe('50169.21');
    expect(formatFixed(fromObservation(0.1 + 0.2))).toBe('0.3');
    expect(formatFixed(fromObservation(148.645))).toBe('148.645');
    expect(formatFixed(fromObservation(1e-7))).toBe('0.0000001');
    expect(() => fromObservation(Number.NaN)).toThrow();
  });
});
