import { describe, expect, it } from 'vitest';
import { formatDecimal, formatMoney, pnlClass, signOf } from './format.js';

describe('formatDecimal', () => {
  it('groups and rounds on digits, not floats', () => {
    expect(formatDecimal('1234567.891', { maxFraction: 2 })).toBe('1,234,567.89');
    expect(formatDecimal('0.125', { maxFraction: 2 })).toBe('0.13');
    expect(formatDecimal('999.995', { maxFraction: 2 })).toBe('1,000');
    expect(formatMoney('999.995')).toBe('1,000.00');
    expect(formatMoney('0.1')).toBe('0.10');
    // 0.1 + 0.2 in floats is 0.30000000000000004; strings keep what the server said.
    expect(formatDecimal('0.30000000000000004', { maxFraction: 18 })).toBe('0.30000000000000004');
  });

  it('shows signs and never a negative zero', () => {
    expect(formatMoney('-12.5')).toBe('−12.50');
    expect(formatMoney('12.5', true)).toBe('+12.50');
    expect(formatMoney('-0.001')).toBe('0.00');
    expect(formatDecimal(null)).toBe('—');
  });

  it('classifies PnL by sign', () => {
    expect(signOf('-3')).toBe(-1);
    expect(signOf('0.000')).toBe(0);
    expect(pnlClass('4.2')).toBe('pos');
    expect(pnlClass('-4.2')).toBe('neg');
    expect(pnlClass('0')).toBe('flat');
  });
});
