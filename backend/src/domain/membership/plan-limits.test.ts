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

  it("judges an edit by the profile's new shape, its old capital no longer counted", () => {
    const usage = { profiles: 2, capital: '9000' };
    const replacing = { capital: '5000' };
    const fits = { symbols: 2, capital: '6000', replacing };
    expect(planLimitBreach({ limits: free, usage }, fits)).toBeNull();
    expect(
      planLimitBreach({ limits: free, usage }, { symbols: 6, capital: '9000000', replacing }),
    ).toEqual({ limit: 'maxSymbolsPerProfile', allowed: 2 });
    expect(
      planLimitBreach({ limits: free, usage }, { symbols: 1, capital: '6000.01', replacing }),
    ).toEqual({ limit: 'maxCapital', allowed: '10000' });
  });
});
