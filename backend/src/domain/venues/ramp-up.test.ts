import { describe, expect, it } from 'vitest';
import { formatFixed, parseFixed } from '../money/fixed.js';
import { quantityWithinCap, rampUpCap } from './ramp-up.js';

const DAY = 86_400_000;
const start = Date.parse('2026-12-01T00:00:00.000Z');
const ramp = {
  startedAt: new Date(start).toISOString(),
  steps: [
    { fromDay: 0, maxOrderNotional: '100' },
    { fromDay: 3, maxOrderNotional: '500' },
  ],
  fullAfterDays: 7,
};

describe('ramp-up cap', () => {
  it('follows the steps by whole days, then lifts', () => {
    expect(rampUpCap(null, start)).toBeNull();
    expect(rampUpCap(ramp, start)).toEqual({ cap: parseFixed('100'), day: 0 });
    expect(rampUpCap(ramp, start + 3 * DAY - 1)?.cap).toBe(parseFixed('100'));
    expect(rampUpCap(ramp, start + 3 * DAY)).toEqual({ cap: parseFixed('500'), day: 3 });
    expect(rampUpCap(ramp, start + 7 * DAY - 1)?.day).toBe(6);
    expect(rampUpCap(ramp, start + 7 * DAY)).toBeNull();
  });

  it('sizes to the lot within the cap', () => {
    const q = quantityWithinCap({
      cap: parseFixed('100'),
      price: parseFixed('60000'),
      lot: parseFixed('0.0001'),
    });
    expect(formatFixed(q)).toBe('0.0016');
    expect(
      quantityWithinCap({
        cap: parseFixed('1'),
        price: parseFixed('60000'),
        lot: parseFixed('0.0001'),
      }),
    ).toBe(0n);
  });
});
