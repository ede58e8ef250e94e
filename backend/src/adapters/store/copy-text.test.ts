import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candleCopyChunks, CandleCopyText } from './copy-text.js';

const text = new TextDecoder();
const w = new CandleCopyText();
const buf = new Uint8Array(64);
const numberText = (v: number) => text.decode(buf.subarray(0, w.number(buf, 0, v)));
const timeText = (ms: number) => text.decode(buf.subarray(0, w.time(buf, 0, ms)));

describe('candle COPY text', () => {
  it('writes every number as String() does, digit for digit', () => {
    const same = (v: number) => {
      expect(numberText(v), String(v)).toBe(String(v));
    };
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 1e15, noNaN: true }), same));
    // Prices as files and venues write them: a few decimals, and float noise after arithmetic.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 25 }),
        fc.integer({ min: 0, max: 99_999_999 }),
        (i, f) => same(Number(`${i}.${String(f).padStart(8, '0')}`)),
      ),
    );
    for (const v of [
      0,
      1,
      0.1 + 0.2,
      65070.340000000004,
      2 ** 25 - 0.5,
      2 ** 25,
      33554431.99999999,
    ])
      same(v);
  });

  it('writes tiny numbers as the same value (plain decimals instead of an exponent)', () => {
    expect(numberText(1e-7)).toBe('0.0000001');
    expect(Number(numberText(1e-9))).toBe(1e-9);
    expect(numberText(-2.5)).toBe('-2.5');
  });

  it('writes every time as toISOString() does', () => {
    const same = (ms: number) => {
      expect(timeText(ms)).toBe(new Date(ms).toISOString());
    };
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_402_300_799_999 }), same),
    );
    for (const ms of [0, -1, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 2, 1)])
      same(ms);
    // Beyond year 9999 toISOString writes a sign and six digits; so does the writer.
    same(Date.UTC(10_000, 0, 1));
  });

  it('writes the lines of a series in chunks, the key first', () => {
    const t0 = Date.UTC(2026, 0, 1);
    const col = (xs: number[]) => Float64Array.from(xs);
    const c = {
      time: col([t0, t0 + 60_000, t0 + 120_000]),
      open: col([1, 2, 3]),
      high: col([1.5, 2.5, 3.5]),
      low: col([0.5, 1.5, 2.5]),
      close: col([1.25, 2.25, 3.25]),
      volume: col([0, 10, 1e-7]),
    };
    const progress: number[] = [];
    const chunks = [
      ...candleCopyChunks(new TextEncoder().encode('acme\tBTC-USD\tcsv\t1m\t'), c, {
        n: 3,
        rows: 2,
        onProgress: (n) => progress.push(n),
      }),
    ].map((b) => text.decode(b));
    expect(chunks).toEqual([
      'acme\tBTC-USD\tcsv\t1m\t2026-01-01T00:00:00.000Z\t1\t1.5\t0.5\t1.25\t0\n' +
        'acme\tBTC-USD\tcsv\t1m\t2026-01-01T00:01:00.000Z\t2\t2.5\t1.5\t2.25\t10\n',
      'acme\tBTC-USD\tcsv\t1m\t2026-01-01T00:02:00.000Z\t3\t3.5\t2.5\t3.25\t0.0000001\n',
    ]);
    expect(progress).toEqual([2, 3]);
  });
});
