import { describe, expect, it } from 'vitest';
import { controlChangeAlerts, haltSource } from './control-alerts.js';

const change = (before: 'RUNNING' | 'PAUSED' | 'HALTED' | null, after: typeof before & string) =>
  controlChangeAlerts({
    scope: 'tenant',
    targetId: 'acme',
    tenantId: 'acme',
    before,
    after,
    reason: 'r',
    by: 'u1',
  });

describe('controlChangeAlerts', () => {
  it('a halt is one open risk_halt with a source; lifting it resolves that source', () => {
    expect(change(null, 'HALTED')).toMatchObject({
      raise: {
        kind: 'risk_halt',
        code: 'TRADING_HALTED',
        severity: 'critical',
        source: 'halt:tenant:acme',
      },
      resolveSource: null,
    });
    expect(change('HALTED', 'PAUSED')).toMatchObject({
      raise: { kind: 'control_change', severity: 'warning' },
      resolveSource: 'halt:tenant:acme',
    });
    expect(change('HALTED', 'RUNNING').raise?.message).toMatch(
      /^Trading halt lifted for tenant acme/,
    );
  });

  it('pauses warn, resumes inform, and an unchanged mode raises nothing', () => {
    expect(change('RUNNING', 'PAUSED').raise).toMatchObject({ severity: 'warning' });
    // A pause is an event, not a condition: no source, so each pause is its own alert.
    expect(change('RUNNING', 'PAUSED').raise?.source).toBeUndefined();
    expect(change('PAUSED', 'RUNNING').raise).toMatchObject({ severity: 'info' });
    expect(change('PAUSED', 'PAUSED')).toEqual({ raise: null, resolveSource: null });
    expect(change(null, 'RUNNING')).toEqual({ raise: null, resolveSource: null });
  });

  it('a global halt is system-wide; a profile halt goes to the profile', () => {
    const global = controlChangeAlerts({
      scope: 'global',
      targetId: null,
      tenantId: null,
      before: 'RUNNING',
      after: 'HALTED',
      reason: 'r',
      by: 'op',
    });
    expect(global.raise).toMatchObject({ tenantId: null, profileId: null, source: 'halt:global' });
    expect(haltSource('profile', 'p1')).toBe('halt:profile:p1');
    const profile = controlChangeAlerts({
      scope: 'profile',
      targetId: 'p1',
      tenantId: 't',
      before: 'RUNNING',
      after: 'HALTED',
      reason: 'r',
      by: 'u',
    });
    expect(profile.raise).toMatchObject({ tenantId: 't', profileId: 'p1' });
  });
});
