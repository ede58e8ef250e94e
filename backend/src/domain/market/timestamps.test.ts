import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, parseTimestamp } from './timestamps.js';

const T0 = Date.UTC(2026, 0, 1); // 1767225600000

describe('candle timestamps', () => {
  it('reads ISO 8601 with and without a zone; no zone is UTC', () => {
    expect(T0).toBe(1_767_225_600_000);
    expect(parseTimestamp('2026-01-01T00:00:00Z')).toBe(T0);
    expect(parseTimestamp('2026-01-01T00:00:00.123Z')).toBe(T0 + 123);
    expect(parseTimestamp('2026-01-01 00:00:00')).toBe(T0);
    expect(parseTimestamp('2026-01-01T00:00')).toBe(T0);
    expect(parseTimestamp('2026-01-01')).toBe(T0);
    expect(parseTimestamp('2026-01-01T05:30:00+05:30')).toBe(T0);
    expect(parseTimestamp('2025-12-31T19:00:00-0500')).toBe(T0);
    expect(parseTimestamp('2026-01-01T01:00:00+01')).toBe(T0);
    // The hour New York skips at its 2026 DST change exists in UTC like any other.
    expect(parseTimestamp('2026-03-08 02:30:00')).toBe(Date.UTC(2026, 2, 8, 2, 30));
  });

  it('tells epoch seconds from milliseconds by size', () => {
    expect(parseTimestamp('1767225600')).toBe(T0);
    expect(parseTimestamp('1767225600000')).toBe(T0);
    expect(parseTimestamp('1767225600.5')).toBe(T0 + 500);
    // 1e11 seconds would be the year 5138: from there on the number is milliseconds.
    expect(parseTimestamp('99999999999')).toBe(99_999_999_999_000);
    expect(parseTimestamp('100000000000')).toBe(100_000_000_000);
  });

  it('refuses what it cannot read exactly', () => {
    for (const s of [
      '',
      'abc',
      '2026-02-30',
      '2026-13-01',
      '2026-01-01T24:00',
      '2026-01-01T00:60',
      '2026-01-01T00:00:00+25:00',
      '2026-01-01T00:00:00 UTC',
      '01/02/2026',
      '-5',
    ]) {
      expect(parseTimestamp(s), s).toBeNaN();
    }
  });

  it('agrees with Date for every instant written as ISO with Z, under any process zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_000_000_000_000, max: 30_000_000_000_000 }), (ms) => {
        const iso = new Date(ms).toISOString();
        if (iso.startsWith('-') || iso.startsWith('+')) return;
        expect(parseTimestamp(iso)).toBe(ms);
        expect(parseTimestamp(iso.replace('T', ' ').replace('Z', ''))).toBe(ms);
      }),
    );
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
  });
});
