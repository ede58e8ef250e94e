import { describe, expect, it } from 'vitest';
import { evaluateFlag, rolloutBucket } from './flags.js';
import { lockRemainingSeconds, recordFailure, type ThrottleState } from './lockout.js';
import { applyStatusChange, initialStatus } from './product-status.js';

describe('lockout policy', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('locks on the fifth failure inside the window, for fifteen minutes', () => {
    let s: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) s = recordFailure(s, at(i * 1000));
    expect(s?.lockedUntil).toBeNull();
    s = recordFailure(s, at(5000));
    expect(s.lockedUntil?.toISOString()).toBe(at(5000 + 15 * 60_000).toISOString());
    expect(lockRemainingSeconds(s, at(6000))).toBe(15 * 60 - 1);
    expect(lockRemainingSeconds(s, at(5000 + 15 * 60_000))).toBe(0);
  });

  it('starts a fresh window when failures are spread out or a lock has run out', () => {
    let s: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) s = recordFailure(s, at(0));
    expect(recordFailure(s, at(16 * 60_000)).failures).toBe(1);
    const locked = recordFailure(recordFailure(s, at(1)), at(2));
    expect(recordFailure(locked, at(40 * 60_000))).toMatchObject({
      failures: 1,
      lockedUntil: null,
    });
  });
});

describe('flag evaluation', () => {
  const rule = {
    key: 'ai.insights',
    defaultValue: false,
    tenants: { acme: true },
    users: { 'u-alice': false },
    rolloutPercent: null,
  };

  it('prefers user over tenant over default', () => {
    expect(evaluateFlag(rule, { tenantId: 'acme', userId: 'u-alice' })).toBe(false);
    expect(evaluateFlag(rule, { tenantId: 'acme', userId: 'u-admin' })).toBe(true);
    expect(evaluateFlag(rule, { tenantId: 'globex', userId: 'u-bob' })).toBe(false);
    expect(evaluateFlag(rule, { tenantId: null, userId: null })).toBe(false);
  });

  it('rolls out to about the asked share of users, stably, and never to anonymous callers', () => {
    const users = Array.from({ length: 2000 }, (_, i) => `u-${i}`);
    const on = users.filter((u) =>
      evaluateFlag(
        { ...rule, tenants: {}, users: {}, rolloutPercent: 30 },
        { tenantId: null, userId: u },
      ),
    ).length;
    expect(on / users.length).toBeGreaterThan(0.25);
    expect(on / users.length).toBeLessThan(0.35);
    expect(rolloutBucket('k', 'u-1')).toBe(rolloutBucket('k', 'u-1'));
    expect(evaluateFlag({ ...rule, rolloutPercent: 100 }, { tenantId: null, userId: null })).toBe(
      false,
    );
  });
});

describe('product status changes', () => {
  it('moves the version, clears maintenance fields when maintenance ends, keeps what is not changed', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const s0 = initialStatus('p', now);
    const s1 = applyStatusChange(
      s0,
      { maintenance: { active: true, message: 'm', expectedEndAt: null } },
      now,
    );
    expect(s1).toMatchObject({
      enabled: true,
      version: 1,
      maintenance: { active: true, message: 'm' },
    });
    const s2 = applyStatusChange(
      s1,
      { maintenance: { active: false, message: 'x', expectedEndAt: null } },
      now,
    );
    expect(s2.maintenance).toEqual({ active: false, message: null, expectedEndAt: null });
    expect(applyStatusChange(s2, { enabled: false }, now)).toMatchObject({
      enabled: false,
      version: 3,
    });
  });
});
