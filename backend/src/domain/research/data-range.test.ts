import { describe, expect, it } from 'vitest';
import { clipRange } from './data-range.js';

const data = { from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 2) };
const iso = (ms: number) => new Date(ms).toISOString();

describe('clipRange', () => {
  it('keeps the whole data without a date range', () => {
    expect(clipRange(data, { from: null, to: null })).toEqual(data);
  });

  it('cuts the data to the date range on either side', () => {
    const from = data.from + 3_600_000;
    const to = data.to - 3_600_000;
    expect(clipRange(data, { from: iso(from), to: null })).toEqual({ from, to: data.to });
    expect(clipRange(data, { from: null, to: iso(to) })).toEqual({ from: data.from, to });
    // A range wider than the data is the data.
    expect(clipRange(data, { from: iso(data.from - 1), to: iso(data.to + 1) })).toEqual(data);
  });

  it('is empty when the range misses the data', () => {
    const r = clipRange(data, { from: iso(data.to + 60_000), to: iso(data.to + 120_000) });
    expect(r.to - r.from).toBe(0);
    const before = clipRange(data, { from: null, to: iso(data.from - 60_000) });
    expect(before.to - before.from).toBe(0);
  });
});
