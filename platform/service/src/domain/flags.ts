import type { FlagRule } from '@bytelyst/trading-contracts';

export interface FlagSubject {
  tenantId: string | null;
  userId: string | null;
}

/**
 * FNV-1a over `key:userId`: stable across processes and languages, so a user keeps the same
 * rollout bucket on every instance and the bucket of one flag says nothing about another's.
 */
export function rolloutBucket(key: string, userId: string): number {
  let h = 0x811c9dc5;
  const s = `${key}:${userId}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 100;
}

/** Most specific wins: user target, then tenant target, then rollout, then the default. */
export function evaluateFlag(rule: FlagRule, subject: FlagSubject): boolean {
  if (subject.userId !== null) {
    const byUser = rule.users[subject.userId];
    if (byUser !== undefined) return byUser;
  }
  if (subject.tenantId !== null) {
    const byTenant = rule.tenants[subject.tenantId];
    if (byTenant !== undefined) return byTenant;
  }
  if (rule.rolloutPercent !== null && subject.userId !== null) {
    return rolloutBucket(rule.key, subject.userId) < rule.rolloutPercent;
  }
  return rule.defaultValue;
}

export function evaluateFlags(rules: FlagRule[], subject: FlagSubject): Record<string, boolean> {
  return Object.fromEntries(rules.map((r) => [r.key, evaluateFlag(r, subject)]));
}
