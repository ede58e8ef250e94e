import { AppError } from '@bytelyst/trading-contracts';
import type { SendGate } from '../engine/order-flow.js';

/**
 * One order request's deadline, shared by the route (which answers when it passes) and whoever
 * places the order. Exactly one of three things happens first, and the others then fail:
 * the engine commits the intent and decides to send (`proceed`), the order is handed to the
 * tenant's owner on another instance (`delegate`: the relay answers, exactly, from the command's
 * state), or the deadline passes (`expire`: the route answers ORDER_DEADLINE_PASSED, and the
 * order is never sent afterwards).
 */
export class OrderDeadline implements SendGate {
  private state: 'open' | 'proceeded' | 'delegated' | 'expired' = 'open';

  constructor(
    readonly at: number,
    private readonly now: () => number = Date.now,
  ) {}

  get expired(): boolean {
    if (this.state === 'open' && this.now() >= this.at) this.state = 'expired';
    return this.state === 'expired';
  }

  proceed(): boolean {
    if (this.expired) return false;
    if (this.state === 'open') this.state = 'proceeded';
    return this.state === 'proceeded';
  }

  delegate(): boolean {
    if (this.expired) return false;
    if (this.state === 'open') this.state = 'delegated';
    return this.state === 'delegated';
  }

  /** The route's timer: true when nothing was decided yet (the order will never be sent). */
  expire(): boolean {
    if (this.state === 'open') this.state = 'expired';
    return this.state === 'expired';
  }
}

export const deadlinePassed = (): AppError =>
  new AppError('ORDER_DEADLINE_PASSED', undefined, { details: { retryAfterSeconds: 1 } });

/**
 * Answers `work`'s result, or ORDER_DEADLINE_PASSED at the deadline if by then nothing was
 * decided; once the order was sent (or handed over) the answer waits for the real outcome.
 */
export function withinDeadline<T>(work: Promise<T>, deadline: OrderDeadline): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        if (deadline.expire()) reject(deadlinePassed());
      },
      Math.max(0, deadline.at - Date.now()),
    );
    work.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}
