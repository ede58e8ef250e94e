/** Failed sign-in bookkeeping per email (known or not, so the answer never reveals which). */
export interface ThrottleState {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

export interface LockoutPolicy {
  /** Failures inside one window that trigger a lock. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

/** Seconds until the lock lifts, or 0 when sign-in may be attempted. */
export function lockRemainingSeconds(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  const ms = state.lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

export function recordFailure(
  state: ThrottleState | null,
  now: Date,
  policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
): ThrottleState {
  // A lock that has run out starts a fresh window rather than re-locking on the next miss.
  const windowOpen =
    state !== null &&
    state.lockedUntil === null &&
    now.getTime() - state.windowStart.getTime() < policy.windowMs;
  const failures = windowOpen ? state.failures + 1 : 1;
  const windowStart = windowOpen ? state.windowStart : now;
  const lockedUntil =
    failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null;
  return { failures, windowStart, lockedUntil };
}
