import { describe, expect, it } from 'vitest';
import { effectiveProfileState } from './effective-state.js';

describe('effectiveProfileState', () => {
  const of = (o: Partial<Parameters<typeof effectiveProfileState>[0]>) =>
    effectiveProfileState({ enabled: true, blockedReason: null, reasons: [], ...o });

  it('names the layer that set the state, most severe first', () => {
    expect(of({})).toEqual({ state: 'RUNNING', layer: null, reason: null });
    expect(of({ reasons: ['PROFILE_PAUSED'] })).toMatchObject({
      state: 'PAUSED',
      layer: 'profile',
    });
    expect(of({ reasons: ['MAINTENANCE'] })).toMatchObject({
      state: 'PAUSED',
      layer: 'maintenance',
    });
    expect(of({ reasons: ['TENANT_HALTED', 'GLOBAL_PAUSED'] })).toMatchObject({
      state: 'HALTED',
      layer: 'tenant',
    });
    expect(of({ enabled: false })).toMatchObject({ state: 'DISABLED', layer: 'profile' });
    // A disabled profile under the kill switch says the kill switch (it outranks the owner).
    expect(of({ enabled: false, reasons: ['PRODUCT_DISABLED'] })).toMatchObject({
      state: 'HALTED',
      layer: 'product',
    });
    expect(
      of({
        blockedReason: 'POSITION_MISMATCH books 0.738, venue 0',
        reasons: ['PRODUCT_DISABLED'],
      }),
    ).toEqual({
      state: 'BLOCKED',
      layer: 'profile',
      reason: 'POSITION_MISMATCH books 0.738, venue 0',
    });
  });

  it('market data and venue gates are not states: the profile still RUNS', () => {
    expect(of({ reasons: ['MARKET_DATA_STALE', 'EXCHANGE_UNREACHABLE'] }).state).toBe('RUNNING');
  });
});
