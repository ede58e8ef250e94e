import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from './downsample.js';

describe('downsampleMinMax', () => {
  it('keeps a short series whole', () => {
    expect(downsampleMinMax([1, 2, 3], [5, 4, 6], 10)).toEqual([
      { at: 1, value: 5 },
      { at: 2, value: 4 },
      { at: 3, value: 6 },
    ]);
  });

  it('keeps the lowest and highest point of the series, the ends, and the cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
          minLength: 1,
          maxLength: 3000,
        }),
        fc.integer({ min: 4, max: 600 }),
        (values, max) => {
          const times = values.map((_, i) => i * 60);
          const d = downsampleMinMax(times, values, max);
          expect(d.length).toBeLessThanOrEqual(max);
          expect(d[0]?.at).toBe(0);
          expect(d[d.length - 1]?.at).toBe(times[times.length - 1]);
          const vs = d.map((p) => p.value);
          expect(Math.min(...vs)).toBe(Math.min(...values));
          expect(Math.max(...vs)).toBe(Math.max(...values));
          for (let i = 1; i < d.length; i++) expect(d[i]!.at).toBeGreaterThan(d[i - 1]!.at);
        },
      ),
    );
  });
});
