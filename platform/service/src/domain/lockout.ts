/**
 * Sign-in throttling, as pure functions over stored state (the policy is in docs/PLATFORM.md).
 *
 * Two counters, both charged BEFORE the password is checked, inside one row-locked transaction:
 * - per (email, source address): the first `freeFailures` attempts are checked at once, then each
 *   further attempt waits a delay that doubles per failure (capped). A source can only slow
 *   itself down, so an attacker cannot lock the owner out from elsewhere.
 * - per email, across sources: a distributed guesser hits a second, higher threshold; past it,
 *   sources that never signed in to this account successfully wait the same doubling delay,
 *   while the owner's known sources are exempt.
 * Charging first is what makes the count exact under parallel attempts: 25 at once are 25
 * charges, and only the ones admitted before the threshold reach the password check.
 */
export interface AttemptState {
  /** Failed (or still unresolved) attempts since the window began. */
  failures: number;
  /** The last charged attempt; the window closes `windowMs` after it. */
  lastAttemptAt: Date;
  blockedUntil: Date | null;
}

export interface ThrottleRule {
  /** Attempts checked without any wait. */
  freeFailures: number;
  /** Quiet time after which the count starts again. */
  windowMs: number;
  /** Wait after the last free failure; doubles with each further one. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface LockoutPolicy {
  perSource: ThrottleRule;
  /** Applies to sources that never signed in to the account. */
  perAccount: ThrottleRule;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  perSource: {
    freeFailures: 5,
    windowMs: 15 * 60_000,
    firstDelayMs: 30_000,
    maxDelayMs: 15 * 60_000,
  },
  perAccount: {
    freeFailures: 20,
    windowMs: 15 * 60_000,
    firstDelayMs: 30_000,
    maxDelayMs: 15 * 60_000,
  },
};

export type Admission =
  { admitted: true; next: AttemptState } | { admitted: false; retryAfterSeconds: number };

/** Seconds until the source may try again, or 0. */
export function waitSeconds(state: AttemptState | null, now: Date): number {
  if (!state?.blockedUntil) return 0;
  const ms = state.blockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** The delay after the n-th failure (n counted from 1) under a rule, 0 while free. */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures, 30);
  return Math.min(rule.firstDelayMs * 2 ** doublings, rule.maxDelayMs);
}

/** Charges one attempt, or refuses it while the previous failure's delay runs. */
export function admit(state: AttemptState | null, now: Date, rule: ThrottleRule): Admission {
  const wait = waitSeconds(state, now);
  if (wait > 0) return { admitted: false, retryAfterSeconds: wait };
  const open = state !== null && now.getTime() - state.lastAttemptAt.getTime() < rule.windowMs;
  const failures = open ? state.failures + 1 : 1;
  const delay = delayAfter(failures, rule);
  return {
    admitted: true,
    next: {
      failures,
      lastAttemptAt: now,
      blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null,
    },
  };
}
