import { describe, expect, it } from 'vitest';
import { DriftWatch, binOf, driftReference, psi } from './drift.js';

const model = (edges: number[][], fractions: number[][]) => ({
  features: ['ret_1' as const],
  settings: { horizon: 1, threshold: 0 },
  metrics: { outOfSample: { threshold: 0.5, hitRate: 0.6 } },
  reference: { mean: [0], std: [1], edges, fractions },
});

describe('drift measures', () => {
  it('bins by inner edges, a value on an edge going right', () => {
    expect(binOf([0, 1, 2], -5)).toBe(0);
    expect(binOf([0, 1, 2], 0)).toBe(1);
    expect(binOf([0, 1, 2], 1.5)).toBe(2);
    expect(binOf([0, 1, 2], 9)).toBe(3);
  });

  it('PSI by hand: sum of (a - e) ln(a / e)', () => {
    // Expected 50/50, observed 80/20: 0.3 ln(1.6) + (-0.3) ln(0.4) = 0.4159...
    expect(psi([0.5, 0.5], [80, 20], 100)).toBeCloseTo(
      0.3 * Math.log(0.8 / 0.5) + -0.3 * Math.log(0.2 / 0.5),
      12,
    );
    expect(psi([0.25, 0.25, 0.25, 0.25], [5, 5, 5, 5], 20)).toBe(0);
  });

  it('decile edges from training rows give each bin about a tenth', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => i);
    const ref = driftReference(x, 1000, 1);
    expect(ref.edges[0]).toHaveLength(9);
    for (const f of ref.fractions[0] ?? []) expect(f).toBeCloseTo(0.1, 12);
  });
});

describe('DriftWatch', () => {
  const ref = driftReference(
    Float64Array.from({ length: 1000 }, (_, i) => (i % 100) / 100),
    1000,
    1,
  );
  const m = model(ref.edges, ref.fractions);

  it('stays quiet on the training distribution and breaches once it shifts', () => {
    const w = new DriftWatch(m, { window: 200, psiMax: 0.5, hitRateDrop: 1 });
    for (let i = 0; i < 1000; i++) w.observe([(i % 100) / 100], 100, 0.4);
    expect(w.breach).toBeNull();
    expect(w.reading().worstPsi).toBeLessThan(0.05);
    // Everything now lands above the training range.
    for (let i = 0; i < 300 && w.breach === null; i++) w.observe([5], 100, 0.4);
    expect(w.breach).toMatch(/^PSI \d+\.\d{3} on ret_1 > 0\.5 over the last 200 candles$/);
  });

  it('breaches when the live hit rate falls below validation minus the drop', () => {
    const w = new DriftWatch(m, { window: 100, psiMax: 99, hitRateDrop: 0.1 });
    // Calls "up" every candle while the price falls: every call resolves as a miss.
    let close = 100;
    for (let i = 0; i < 400 && w.breach === null; i++) {
      close *= 0.999;
      w.observe([(i % 100) / 100], close, 0.9);
    }
    expect(w.reading().liveHitRate).toBe(0);
    expect(w.breach).toContain('live hit rate 0.0% < validation 60.0% - 10.0%');
  });

  it('judges nothing before the window is full', () => {
    const w = new DriftWatch(m, { window: 500, psiMax: 0.01, hitRateDrop: 0.01 });
    for (let i = 0; i < 499; i++) w.observe([9], 100, 0.9);
    expect(w.breach).toBeNull();
  });
});
