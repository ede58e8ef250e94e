import { ApiError } from '@bytelyst/trading-client';
import { describe, expect, it } from 'vitest';
import { fieldKeyOf, issuesByField } from './form-issues';

describe('form issues', () => {
  it('keys an issue by the field that shows it', () => {
    expect(fieldKeyOf('strategy.params.fastPeriod')).toBe('param:fastPeriod');
    expect(fieldKeyOf('risk.maxDrawdownPct')).toBe('risk:maxDrawdownPct');
    expect(fieldKeyOf('settings.slippage.bps')).toBe('settings:slippage');
    expect(fieldKeyOf('symbols.0')).toBe('symbols');
    expect(fieldKeyOf('capital')).toBe('capital');
    expect(fieldKeyOf('body.venueAccountId')).toBe('venueAccountId');
    expect(fieldKeyOf('body.symbols')).toBe('symbols');
  });

  it('keeps the first issue per field and nothing for other errors', () => {
    const error = new ApiError({
      code: 'VALIDATION_FAILED',
      message: 'bad request',
      status: 400,
      requestId: 'r-1',
      details: {
        issues: [
          { path: 'risk.maxDailyLoss', message: 'Too small' },
          { path: 'risk.maxDailyLoss', message: 'Not a decimal' },
          { path: 'symbols.1', message: 'Unknown symbol' },
        ],
      },
    });
    expect(issuesByField(error)).toEqual({
      'risk:maxDailyLoss': 'Too small',
      symbols: 'Unknown symbol',
    });
    expect(issuesByField(new Error('network down'))).toEqual({});
  });
});
