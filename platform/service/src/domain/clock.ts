/** The service reads time only through this, so expiry and lockout are testable without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and tools: starts where told and moves only when advanced. */
export function manualClock(start: Date | string = '2026-01-01T00:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}
export type ManualClock = ReturnType<typeof manualClock>;
