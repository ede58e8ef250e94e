import { describe, expect, it } from 'vitest';
import { sumDecimals } from './decimal.js';

describe('sumDecimals', () => {
  it('adds exactly where floats drift', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.30000000');
    expect(sumDecimals(['-12.5', '2.25'])).toBe('-10.25000000');
    expect(sumDecimals([])).toBe('0.00000000');
  });
});
