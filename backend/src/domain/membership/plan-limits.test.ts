import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_PLANS } from '@bytelyst/trading-contracts';
import { allocatedCapital, planLimitBreach } from './plan-limits.js';

const free = MEMBERSHIP_PLANS.free;

describe('plan limits', () => {
  it('sums allocations exactly', () => {
    expect(allocatedCapital(['0.1', '0.2', '9999.7'])).toBe('10000');
  });
  it('allows what fits and names the first limit a request breaks', () => {
    const usage = { profiles: 1, capital: '4000' };
    expect(planLimitBreach({ limits: free, usage }, { symbols: 2, capital: '6000' })).toBeNull();
    expect(planLimitBreach({ limits: free, usage }, { symbols: 2, capital: '6000.01' })).toEqual({
      limit: 'maxCapital',
      allowed: '10000',
    });
    expect(planLimitBreach({ limits: free, usage }, { symbols: 3, capital: '1' })).toEqual({
      limit: 'maxSymbolsPerProfile',
      allowed: 2,
    });
    expect(
      planLimitBreach(
        { limits: free, usage: { profiles: 2, capital: '0' } },
        { symbols: 1, capital: '1' },
      ),
    ).toEqual({ limit: 'maxProfiles', allowed: 2 });
  });
});
