import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCALE, formatFixed, parseFixed } from '../money/fixed.js';
import { aggregateAccount, downsample, intervalFor, maxDrawdown } from './equity-series.js';

const f = parseFixed;
const T = Date.parse('2026-12-01T00:00:00.000Z');

describe('aggregateAccount', () => {
  it('sums each profile’s latest value, never what merely shares a timestamp', () => {
    // Two 20k profiles snapshotted a few seconds apart: the old web curve summed same-second
    // rows and showed 20k, 40k, 20k, 40k; the account is 40k throughout.
    const values = aggregateAccount([
      { profileId: 'a', at: T, equity: f('20000') },
      { profileId: 'b', at: T + 3_000, equity: f('20000') },
      { profileId: 'a', at: T + 60_000, equity: f('20010') },
      { profileId: 'b', at: T + 63_000, equity: f('19990') },
    ]);
    expect(values.map((v) => [v.at - T, formatFixed(v.equity)])).toEqual([
      [0, '20000'],
      [3_000, '40000'],
      [60_000, '40010'],
      [63_000, '40000'],
    ]);
  });

  it('equals the brute-force sum of latest values at every instant (property)', () => {
    const sample = fc.record({
      profileId: fc.constantFrom('a', 'b', 'c'),
      at: fc.integer({ min: 0, max: 50 }),
      equity: fc.bigInt({ min: 0n, max: 100_000n * SCALE }),
    });
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 60 }), (raw) => {
        const samples = [...raw].sort((x, y) => x.at - y.at);
        for (const v of aggregateAccount(samples)) {
          const latest = new Map<string, bigint>();
          for (const s of samples) if (s.at <= v.at) latest.set(s.profileId, s.equity);
          expect(v.equity).toBe([...latest.values()].reduce((a, b) => a + b, 0n));
        }
      }),
    );
  });
});

describe('downsample', () => {
  it('keeps the last value of each bucket and the min and max inside it', () => {
    const values = [100, 90, 120, 110, 130, 80].map((e, i) => ({
      at: T + i * 20_000,
      equity: f(String(e)),
    }));
    const b = downsample(values, 60_000);
    expect(b.map((x) => [formatFixed(x.equity), formatFixed(x.min), formatFixed(x.max)])).toEqual([
      ['120', '90', '120'],
      ['80', '80', '130'],
    ]);
    expect(b.at(-1)?.at).toBe(values.at(-1)?.at);
  });
});

describe('maxDrawdown', () => {
  it('finds peak, trough and recovery over every value', () => {
    const at = (m: number) => T + m * 60_000;
    const dd = maxDrawdown(
      [1000, 1100, 1050, 990, 1080, 1100, 1120, 1110].map((e, i) => ({
        at: at(i),
        equity: f(String(e)),
      })),
    );
    expect(formatFixed(dd.pct)).toBe('0.1');
    expect(formatFixed(dd.amount)).toBe('110');
    expect([dd.peakAt, dd.troughAt, dd.recoveredAt]).toEqual([at(1), at(3), at(5)]);
    expect(formatFixed(dd.currentPct)).toBe('0.008928571428571429'); // 10 / 1120, half-up
  });

  it('reports no recovery while equity stays below the peak', () => {
    const dd = maxDrawdown([100, 80, 90].map((e, i) => ({ at: T + i, equity: f(String(e)) })));
    expect(formatFixed(dd.pct)).toBe('0.2');
    expect(dd.recoveredAt).toBeNull();
  });

  it('is the largest fall from any earlier peak (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 80 }),
        (xs) => {
          const values = xs.map((e, i) => ({ at: i, equity: f(String(e)) }));
          let best = 0;
          for (let j = 0; j < xs.length; j++)
            for (let i = 0; i <= j; i++)
              best = Math.max(best, ((xs[i] ?? 0) - (xs[j] ?? 0)) / (xs[i] ?? 1));
          expect(Number(formatFixed(maxDrawdown(values).pct))).toBeCloseTo(best, 12);
        },
      ),
    );
  });
});

it('picks the smallest interval that keeps the span within the points asked', () => {
  expect(intervalFor(6 * 3_600_000, 500)).toBe('1m');
  expect(intervalFor(7 * 86_400_000, 500)).toBe('1h');
  expect(intervalFor(400 * 86_400_000, 500)).toBe('1d');
});
