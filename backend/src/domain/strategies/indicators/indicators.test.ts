import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Donchian, RollingExtreme } from './channel.js';
import { Ema, Rsi, Sma } from './moving-averages.js';

const series = fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), {
  minLength: 1,
  maxLength: 300,
});

describe('indicators', () => {
  it('SMA equals the plain mean of the window', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 1, max: 40 }), (xs, n) => {
        const sma = new Sma(n);
        xs.forEach((x, i) => {
          const v = sma.update(x);
          if (i + 1 < n) return expect(v).toBeNaN();
          const w = xs.slice(i + 1 - n, i + 1);
          expect(v).toBeCloseTo(w.reduce((s, y) => s + y, 0) / n, 6);
        });
      }),
    );
  });

  it('EMA matches the textbook recursion seeded with the SMA', () => {
    const xs = [
      22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29, 22.15, 22.39, 22.38,
      22.61, 23.36,
    ];
    const ema = new Ema(10);
    const out = xs.map((x) => ema.update(x));
    // StockCharts' 10-day EMA worked example: 22.22 seed, then 22.21, 22.24, 22.27, 22.33, 22.52.
    expect(out.slice(9).map((v) => Math.round(v * 100) / 100)).toEqual([
      22.22, 22.21, 22.24, 22.27, 22.33, 22.52,
    ]);
  });

  it('RSI matches Wilder reference values', () => {
    const closes = [
      44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61,
      46.28, 46.28, 46.0, 46.03, 46.41, 46.22, 45.64,
    ];
    const rsi = new Rsi(14);
    const out = closes.map((x) => rsi.update(x));
    expect(out.slice(0, 14).every(Number.isNaN)).toBe(true);
    // StockCharts' worked example prints 70.53, 66.32, ... because its sheet rounds the averages to
    // two places; unrounded, the first value is 100 - 100 / (1 + (3.34 / 14) / (1.40 / 14)) = 70.464.
    expect(out.slice(14).map((v) => Math.round(v * 100) / 100)).toEqual([
      70.46, 66.25, 66.48, 69.35, 66.29, 57.92,
    ]);
  });

  it('rolling extremes equal the window max and min', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 1, max: 30 }), (xs, n) => {
        const hi = new RollingExtreme(n, 'max');
        const lo = new RollingExtreme(n, 'min');
        xs.forEach((x, i) => {
          const h = hi.update(x);
          const l = lo.update(x);
          if (i + 1 < n) return expect(h).toBeNaN();
          const w = xs.slice(i + 1 - n, i + 1);
          expect(h).toBe(Math.max(...w));
          expect(l).toBe(Math.min(...w));
        });
      }),
    );
  });

  it('Donchian tracks highs and lows separately', () => {
    const d = new Donchian(3);
    d.update(10, 5);
    d.update(12, 6);
    d.update(11, 4);
    expect([d.upper, d.lower]).toEqual([12, 4]);
    d.update(9, 7);
    expect([d.upper, d.lower]).toEqual([12, 4]);
    d.update(9, 8);
    expect([d.upper, d.lower]).toEqual([11, 4]);
  });
});
