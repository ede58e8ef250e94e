import { describe, expect, it } from 'vitest';
import { walkForwardCheck } from './walk-forward-check';

describe('walk-forward sizes as typed', () => {
  it('counts the windows the data holds', () => {
    // 165 candles: one window of 100 + 50; 300 candles: windows at 0, 50, 100 and 150.
    expect(walkForwardCheck({ inSample: '100', outOfSample: '50', dataCandles: 165 })).toEqual({
      windows: 1,
    });
    expect(walkForwardCheck({ inSample: '100', outOfSample: '50', dataCandles: 300 }).windows).toBe(
      4,
    );
    expect(walkForwardCheck({ inSample: '100', outOfSample: '50', dataCandles: null })).toEqual({
      windows: null,
    });
  });

  it("refuses sizes below the contract's bounds and data too short for one window", () => {
    const small = walkForwardCheck({ inSample: '40', outOfSample: '20', dataCandles: 165 });
    expect(small.inSample).toMatch(/100/);
    expect(small.outOfSample).toMatch(/50/);
    expect(
      walkForwardCheck({ inSample: '', outOfSample: '50', dataCandles: 165 }).inSample,
    ).toMatch(/100/);
    const short = walkForwardCheck({ inSample: '120', outOfSample: '50', dataCandles: 165 });
    expect(short).toMatchObject({ windows: 0 });
    expect(short.outOfSample).toMatch(/holds 165 candles, fewer than .* \(170\)/);
    const many = walkForwardCheck({ inSample: '100', outOfSample: '50', dataCandles: 100_000 });
    expect(many.outOfSample).toMatch(/at most 50/);
  });
});
