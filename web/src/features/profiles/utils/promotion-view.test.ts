import { describe, expect, it } from 'vitest';
import { confirmsName, returnPoints, signedPct } from './promotion-view';

describe('return points', () => {
  it('rebases on the first positive equity, in rising seconds, a repeat keeping the later', () => {
    const pts = returnPoints([
      { at: '2026-12-01T00:00:02.000Z', equity: 1100 },
      { at: '2026-12-01T00:00:00.000Z', equity: 1000 },
      { at: '2026-12-01T00:00:01.000Z', equity: 990 },
      { at: '2026-12-01T00:00:01.500Z', equity: 950 },
    ]);
    // The first row given is the base (the API sends oldest first).
    expect(pts.map((p) => p.value)).toEqual([-9.09, -13.64, 0]);
    const t0 = Date.parse('2026-12-01T00:00:00.000Z') / 1000;
    expect(pts.map((p) => p.time)).toEqual([t0, t0 + 1, t0 + 2]);
  });

  it('is empty without a positive equity', () => {
    expect(returnPoints([])).toEqual([]);
    expect(returnPoints([{ at: '2026-12-01T00:00:00.000Z', equity: 0 }])).toEqual([]);
  });
});

describe('figures and confirmation', () => {
  it('signs percentages with a real minus', () => {
    expect(signedPct(1.254)).toBe('+1.25 %');
    expect(signedPct(-0.4)).toBe('\u22120.40 %');
    expect(signedPct(-0.001)).toBe('0.00 %');
  });

  it('needs the exact name, spaces around it aside', () => {
    expect(confirmsName(' BTC trend ', 'BTC trend')).toBe(true);
    expect(confirmsName('btc trend', 'BTC trend')).toBe(false);
    expect(confirmsName('', 'BTC trend')).toBe(false);
  });
});
