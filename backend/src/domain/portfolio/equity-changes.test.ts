import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equityChanges } from './equity-changes.js';

describe('equityChanges', () => {
  it('keeps the first point, every change and the last point', () => {
    const c = equityChanges([1, 2, 3, 4, 5, 6], [10, 10, 11, 11, 11, 11]);
    expect([...c.times]).toEqual([1, 3, 6]);
    expect([...c.equity]).toEqual([10, 11, 11]);
  });

  it('is empty for no points and keeps a single one', () => {
    expect(equityChanges([], []).times.length).toBe(0);
    expect([...equityChanges([7], [3]).equity]).toEqual([3]);
  });

  it('rebuilds the full series exactly as a step function', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 200 }),
        (e) => {
          const times = e.map((_, i) => 1000 + i * 60);
          const c = equityChanges(times, e);
          const changes = e.filter((v, i) => i > 0 && v !== e[i - 1]).length;
          const lastIsChange = e.length > 1 && e.at(-1) !== e.at(-2);
          expect(c.times.length).toBe(1 + changes + (e.length > 1 && !lastIsChange ? 1 : 0));
          // Each original point equals the last kept point at or before its time.
          let k = 0;
          for (let i = 0; i < e.length; i++) {
            while (k + 1 < c.times.length && (c.times[k + 1] ?? 0) <= (times[i] ?? 0)) k++;
            expect(c.equity[k]).toBe(e[i]);
          }
        },
      ),
    );
  });
});
