import { describe, expect, it } from 'vitest';
import {
  DecimalString,
  NonNegativeDecimal,
  PageQuery,
  PositiveDecimal,
  Symbol,
  Timestamp,
} from './primitives.js';

describe('decimal strings', () => {
  it.each(['0', '1', '12.5', '0.000000000000000001', '-3.25', '99999999999999999999'])(
    'accepts %s',
    (v) => {
      expect(DecimalString.safeParse(v).success).toBe(true);
    },
  );
  it.each([
    ['NaN'],
    ['Infinity'],
    ['1e308'],
    ['01'],
    ['1.'],
    ['.5'],
    [' 1'],
    ['1.0000000000000000001'],
    ['123456789012345678901'],
  ])('rejects %s', (v) => {
    expect(DecimalString.safeParse(v).success).toBe(false);
  });
  it('rejects JSON numbers, so a float never carries money', () => {
    expect(DecimalString.safeParse(1.5).success).toBe(false);
    expect(DecimalString.safeParse(Number.NaN).success).toBe(false);
  });
  it('positive and non-negative refine the sign', () => {
    expect(PositiveDecimal.safeParse('0').success).toBe(false);
    expect(PositiveDecimal.safeParse('0.0').success).toBe(false);
    expect(PositiveDecimal.safeParse('-1').success).toBe(false);
    expect(PositiveDecimal.safeParse('0.01').success).toBe(true);
    expect(NonNegativeDecimal.safeParse('0').success).toBe(true);
    expect(NonNegativeDecimal.safeParse('-0.1').success).toBe(false);
  });
});

describe('other primitives', () => {
  it('symbols look like BASE-QUOTE', () => {
    expect(Symbol.safeParse('BTC-USD').success).toBe(true);
    expect(Symbol.safeParse('btc-usd').success).toBe(false);
    expect(Symbol.safeParse('BTCUSD').success).toBe(false);
    expect(Symbol.safeParse('A'.repeat(30) + '-USD').success).toBe(false);
  });
  it('timestamps are UTC ISO strings', () => {
    expect(Timestamp.safeParse(new Date(0).toISOString()).success).toBe(true);
    expect(Timestamp.safeParse('2026-01-01').success).toBe(false);
    expect(Timestamp.safeParse('2026-01-01T00:00:00+02:00').success).toBe(false);
  });
  it('page query coerces and bounds limit', () => {
    expect(PageQuery.parse({ limit: '20' })).toEqual({ limit: 20 });
    expect(PageQuery.parse({})).toEqual({ limit: 50 });
    expect(PageQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(PageQuery.safeParse({ limit: '501' }).success).toBe(false);
    expect(PageQuery.safeParse({ limit: '5', tenantId: 'x' }).success).toBe(false);
  });
});
