import { describe, expect, it } from 'vitest';
import { compareDecimal } from '../primitives.js';
import { CopyPresetBody } from './admin.js';
import {
  CreateProfileBody,
  DEFAULT_RISK_LIMITS,
  RiskLimits,
  TradingProfile,
  UpdateProfileBody,
} from './profiles.js';

const body = (over: Record<string, unknown> = {}) => ({
  name: 'p',
  symbols: ['BTC-USD'],
  timeframe: '1m',
  strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20, kind: 'sma' } },
  capitalAllocation: '1000',
  ...over,
});

describe('limits that mean what they say', () => {
  it('percent limits are fractions within their bounds', () => {
    const risk = (over: Record<string, unknown>) =>
      RiskLimits.safeParse({ ...DEFAULT_RISK_LIMITS, ...over }).success;
    expect(risk({ maxDrawdownPct: '50' })).toBe(false); // was accepted as 5,000 %
    expect(risk({ maxDrawdownPct: '1.0000000000000001' })).toBe(false);
    expect(risk({ maxDrawdownPct: '1' })).toBe(true);
    expect(risk({ maxDrawdownPct: '0.5' })).toBe(true);
    expect(risk({ stopLossPct: '5' })).toBe(false); // was accepted as 500 %
    expect(risk({ stopLossPct: '1' })).toBe(false);
    expect(risk({ stopLossPct: '0.05' })).toBe(true);
    expect(risk({ takeProfitPct: '10' })).toBe(true);
    expect(risk({ takeProfitPct: '10.5' })).toBe(false);
  });

  it('capital has whole cents and a minimum; symbols are listed once', () => {
    const ok = (over: Record<string, unknown>) => CreateProfileBody.safeParse(body(over)).success;
    expect(ok({})).toBe(true);
    expect(ok({ capitalAllocation: '0.000000001' })).toBe(false);
    expect(ok({ capitalAllocation: '9.99' })).toBe(false);
    expect(ok({ capitalAllocation: '10' })).toBe(true);
    expect(ok({ capitalAllocation: '10.001' })).toBe(false);
    expect(ok({ symbols: ['BTC-USD', 'BTC-USD'] })).toBe(false);
    expect(
      UpdateProfileBody.safeParse({ expectedVersion: 1, capitalAllocation: '1' }).success,
    ).toBe(false);
    expect(CopyPresetBody.safeParse({ presetId: 'x', capitalAllocation: '0.5' }).success).toBe(
      false,
    );
  });

  it('a stored profile from before the bounds still reads back', () => {
    const stored = {
      ...body({ capitalAllocation: '0.000000001', symbols: ['BTC-USD', 'BTC-USD'] }),
      risk: { ...DEFAULT_RISK_LIMITS, maxDrawdownPct: '50' },
      id: 'p1',
      tenantId: 't',
      userId: 'u',
      enabled: false,
      mode: 'RUNNING',
      blockedReason: null,
      version: 1,
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-01T00:00:00.000Z',
    };
    expect(TradingProfile.safeParse(stored).success).toBe(true);
  });

  it('compares decimals exactly', () => {
    expect(compareDecimal('1', '1.000')).toBe(0);
    expect(compareDecimal('0.99', '1')).toBe(-1);
    expect(compareDecimal('-2', '-10')).toBe(1);
    expect(compareDecimal('10', '9.999999999999999999')).toBe(1);
    expect(compareDecimal('-0', '0')).toBe(0);
  });
});

describe('percent and fraction', () => {
  it('moves the point exactly', async () => {
    const { fractionToPercent, percentToFraction } = await import('../primitives.js');
    expect(fractionToPercent('0.2')).toBe('20');
    expect(fractionToPercent('0.035')).toBe('3.5');
    expect(fractionToPercent('1')).toBe('100');
    expect(percentToFraction('50')).toBe('0.5');
    expect(percentToFraction('0.5')).toBe('0.005');
    expect(percentToFraction('12.345')).toBe('0.12345');
    expect(percentToFraction('abc')).toBe('abc');
    expect(fractionToPercent(percentToFraction('7.25'))).toBe('7.25');
  });
});
