import { describe, expect, it } from 'vitest';
import { StrategyConfig } from '@bytelyst/trading-contracts';
import { planParamSets, pointAt, pointsOf, sampleIndices, spaceSize } from './param-space.js';

const sma = StrategyConfig.parse({
  strategy: 'sma-cross',
  params: { fastPeriod: 10, slowPeriod: 30 },
});

describe('param space', () => {
  it('steps a range without float noise, both ends included', () => {
    expect(pointsOf({ min: 0.1, max: 0.5, step: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(pointsOf({ min: 5, max: 20, step: 10 })).toEqual([5, 15]);
    expect(pointsOf({ values: ['sma', 'ema', 'sma'] })).toEqual(['sma', 'ema']);
  });

  it('walks the grid with the first param slowest', () => {
    const space = { fastPeriod: { values: [5, 10] }, kind: { values: ['sma', 'ema'] } };
    expect(spaceSize(space)).toBe(4);
    expect([0, 1, 2, 3].map((i) => pointAt(space, i))).toEqual([
      { fastPeriod: 5, kind: 'sma' },
      { fastPeriod: 5, kind: 'ema' },
      { fastPeriod: 10, kind: 'sma' },
      { fastPeriod: 10, kind: 'ema' },
    ]);
  });

  it('draws distinct random points, the same for the same seed', () => {
    const s = { kind: 'random' as const, count: 50, seed: 7 };
    const a = sampleIndices(10_000, s);
    expect(new Set(a).size).toBe(50);
    expect(a.every((i) => i >= 0 && i < 10_000)).toBe(true);
    expect(sampleIndices(10_000, s)).toEqual(a);
    expect(sampleIndices(10_000, { ...s, seed: 8 })).not.toEqual(a);
    // Asking for more than the space holds runs the whole grid once.
    expect(sampleIndices(20, s)).toHaveLength(20);
  });

  it("drops points the strategy's schema refuses and merges the rest into its params", () => {
    const { sets, skipped } = planParamSets({
      base: sma,
      space: { fastPeriod: { values: [10, 20, 30] }, slowPeriod: { values: [20, 40] } },
      sampler: { kind: 'grid' },
    });
    // fast >= slow is refused: (20, 20), (30, 20).
    expect(skipped).toBe(2);
    expect(sets.map((s) => s.point)).toEqual([
      { fastPeriod: 10, slowPeriod: 20 },
      { fastPeriod: 10, slowPeriod: 40 },
      { fastPeriod: 20, slowPeriod: 40 },
      { fastPeriod: 30, slowPeriod: 40 },
    ]);
    expect(sets[0]?.strategy).toEqual({
      strategy: 'sma-cross',
      params: { fastPeriod: 10, slowPeriod: 20, kind: 'sma' },
    });
  });

  it('refuses a param the strategy does not have', () => {
    expect(() =>
      planParamSets({ base: sma, space: { period: { values: [1] } }, sampler: { kind: 'grid' } }),
    ).toThrow(/period is not a param of sma-cross/);
  });
});
