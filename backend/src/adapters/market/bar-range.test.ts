import { describe, expect, it } from 'vitest';
import type { BarColumns } from '../../ports/market-data.js';
import { sliceBarsByTime } from './bar-range.js';

const cols = (times: number[]): BarColumns => {
  const f = () => Float64Array.from(times.map((t) => t + 0.5));
  return {
    symbol: 'BTC-USD',
    timeframe: '1m',
    time: Float64Array.from(times),
    open: f(),
    high: f(),
    low: f(),
    close: f(),
    volume: f(),
  };
};

describe('sliceBarsByTime', () => {
  const c = cols([10, 20, 30, 40, 50]);
  it('keeps candles opening in [from, to)', () => {
    const s = sliceBarsByTime(c, { from: 20, to: 50 });
    expect([...s.time]).toEqual([20, 30, 40]);
    expect([...s.close]).toEqual([20.5, 30.5, 40.5]);
    expect([...sliceBarsByTime(c, { from: 15, to: 41 }).time]).toEqual([20, 30, 40]);
  });
  it('treats null as unbounded and an empty range as no candles', () => {
    expect(sliceBarsByTime(c, { from: null, to: null })).toBe(c);
    expect([...sliceBarsByTime(c, { from: 35, to: null }).time]).toEqual([40, 50]);
    expect(sliceBarsByTime(c, { from: 60, to: 70 }).time.length).toBe(0);
    expect(sliceBarsByTime(c, { from: 40, to: 20 }).time.length).toBe(0);
  });
});
