/**
 * Faults the paper exchange can be told to produce, each once per injection (or `times`):
 * - timeout-after-landed: the order is accepted and executed, but the submit call times out.
 * - timeout-before-landed: the submit times out and the order never reaches the book.
 * - http-5xx: the venue answers 503 before accepting anything (retryable).
 * - http-429: rate limited before accepting anything (retryable, with retry-after).
 * - reject: the venue refuses the order (status REJECTED).
 * - duplicate-fill: every fill report of the next order is pushed twice.
 * - out-of-order-fill: the next order fills in two parts whose reports arrive last-first.
 * - cancel-timeout: the cancel lands, but the call times out.
 * - query-failure: the next read (open orders, positions, balances, fills, order lookup) fails.
 */
export const PAPER_FAULTS = [
  'timeout-after-landed',
  'timeout-before-landed',
  'http-5xx',
  'http-429',
  'reject',
  'duplicate-fill',
  'out-of-order-fill',
  'cancel-timeout',
  'query-failure',
] as const;
export type PaperFault = (typeof PAPER_FAULTS)[number];

export class FaultPlan {
  private readonly pending = new Map<PaperFault, number>();

  inject(fault: PaperFault, times = 1): void {
    this.pending.set(fault, (this.pending.get(fault) ?? 0) + times);
  }

  /** True (and consumes one) if the fault is armed. */
  take(fault: PaperFault): boolean {
    const n = this.pending.get(fault) ?? 0;
    if (n <= 0) return false;
    if (n === 1) this.pending.delete(fault);
    else this.pending.set(fault, n - 1);
    return true;
  }

  clear(): void {
    this.pending.clear();
  }
}
