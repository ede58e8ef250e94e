import { describe, expect, it } from 'vitest';
import { SecurityEventWindows } from './security-windows.js';

describe('security event windows', () => {
  it('writes the first event of a window and sums the repeats into one summary', () => {
    const w = new SecurityEventWindows(60_000);
    expect(w.hit('auth|1.2.3.4', 0)).toBe('first');
    for (let i = 1; i < 100; i++) expect(w.hit('auth|1.2.3.4', i)).toBe('counted');
    expect(w.hit('auth|5.6.7.8', 10)).toBe('first');
    expect(w.due(59_999)).toEqual([]);
    expect(w.due(60_000)).toEqual([
      { key: 'auth|1.2.3.4', repeats: 99, windowStart: 0, windowEnd: 60_000 },
    ]);
    expect(w.due(120_000)).toEqual([]);
  });

  it('keeps a window that a new event replaced until due collects it', () => {
    const w = new SecurityEventWindows(1000);
    w.hit('k', 0);
    w.hit('k', 1);
    expect(w.hit('k', 5000)).toBe('first');
    expect(w.due(5001)).toEqual([{ key: 'k', repeats: 1, windowStart: 0, windowEnd: 1000 }]);
    w.hit('k', 5002);
    expect(w.due(5003, true)).toEqual([
      { key: 'k', repeats: 1, windowStart: 5000, windowEnd: 6000 },
    ]);
  });

  it('folds keys beyond its capacity into one overflow key', () => {
    const w = new SecurityEventWindows(1000, 2);
    expect(w.hit('a', 0)).toBe('first');
    expect(w.hit('b', 0)).toBe('first');
    expect(w.hit('c', 0)).toBe('first');
    expect(w.hit('d', 0)).toBe('counted');
    expect(w.due(0, true).map((s) => s.key)).toEqual(['overflow']);
  });
});
