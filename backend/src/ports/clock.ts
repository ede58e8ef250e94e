/**
 * Engine time. Nothing in the engine reads `Date.now()` directly, so the same pipeline runs live
 * on the system clock and in a backtest on a clock the replay feed moves forward.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests and backtests move by hand; it never goes backwards. */
export class TestClock implements Clock {
  private t: number;

  constructor(startMs = 0) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  /** Moves to `ms` if that is later than now; earlier values are ignored (time is monotonic). */
  set(ms: number): void {
    if (ms > this.t) this.t = ms;
  }

  advance(ms: number): void {
    if (ms > 0) this.t += ms;
  }
}
