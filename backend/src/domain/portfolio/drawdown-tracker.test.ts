import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFixed } from '../money/fixed.js';
import { DrawdownTracker } from './drawdown-tracker.js';
import { maxDrawdown } from './equity-series.js';

describe('DrawdownTracker', () => {
  it('agrees with the exact maxDrawdown on every series (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 200 }),
        (xs) => {
          const t = new DrawdownTracker();
          xs.forEach((e, i) => t.push(i, e));
          const exact = maxDrawdown(xs.map((e, i) => ({ at: i, equity: parseFixed(String(e)) })));
          expect(t.pct).toBeCloseTo(Number(exact.pct) / 1e18, 12);
          if (exact.pct > 0n) {
            expect(t.worstPeakAt).toBe(exact.peakAt);
            expect(t.troughAt).toBe(exact.troughAt);
            expect(t.recoveredAt).toBe(exact.recoveredAt);
          }
        },
      ),
    );
  });

  it('sees a one-candle dip that a sampled curve would miss', () => {
    const t = new DrawdownTracker();
    const xs = Array.from({ length: 1000 }, (_, i) => (i === 501 ? 9_631 : 10_000));
    xs.forEach((e, i) => t.push(i, e));
    expect(t.pct).toBeCloseTo(0.0369, 10);
    // Sampling every 400th value (what the old summary did) finds nothing.
    const sampled = new DrawdownTracker();
    xs.filter((_, i) => i % 400 === 0).forEach((e, i) => sampled.push(i, e));
    expect(sampled.pct).toBe(0);
    expect([t.troughAt, t.recoveredAt]).toEqual([501, 502]);
  });
});
