import { describe, expect, it } from 'vitest';
import { evaluateFlag, rolloutBucket } from './flags.js';
import {
  admit,
  DEFAULT_LOCKOUT_POLICY,
  delayAfter,
  waitSeconds,
  type AttemptState,
} from './lockout.js';
import { applyStatusChange, initialStatus } from './product-status.js';

describe('lockout policy', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const rule = DEFAULT_LOCKOUT_POLICY.perSource;

  it('checks five attempts freely, then makes the source wait a doubling delay', () => {
    let s: AttemptState | null = null;
    for (let i = 0; i < 4; i++) {
      const a = admit(s, at(i), rule);
      if (!a.admitted) throw new Error('refused a free attempt');
      expect(a.next.blockedUntil).toBeNull();
      s = a.next;
    }
    const fifth = admit(s, at(4), rule);
    if (!fifth.admitted) throw new Error('refused the fifth attempt');
    expect(fifth.next.blockedUntil?.getTime()).toBe(at(4 + 30_000).getTime());
    expect(admit(fifth.next, at(5), rule)).toEqual({ admitted: false, retryAfterSeconds: 30 });
    const sixth = admit(fifth.next, at(4 + 30_000), rule);
    if (!sixth.admitted) throw new Error('refused after the delay');
    expect(waitSeconds(sixth.next, at(4 + 30_000))).toBe(60);
  });

  it('caps the delay at fifteen minutes and forgets after a quiet window', () => {
    expect(delayAfter(4, rule)).toBe(0);
    expect(delayAfter(5, rule)).toBe(30_000);
    expect(delayAfter(7, rule)).toBe(120_000);
    expect(delayAfter(50, rule)).toBe(15 * 60_000);
    const old: AttemptState = { failures: 9, lastAttemptAt: at(0), blockedUntil: at(60_000) };
    const later = admit(old, at(16 * 60_000), rule);
    expect(later).toMatchObject({ admitted: true, next: { failures: 1, blockedUntil: null } });
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
