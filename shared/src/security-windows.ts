/**
 * Counts repeated security events per key (an action and a source address) in fixed windows, so
 * a flood of anonymous failures costs one audit row per source and window instead of one per
 * request. The first event of a window is written at once (an incident is visible immediately);
 * the repeats are summed and handed back by `due` when the window closes. Pure: the caller owns
 * the clock and the writing.
 */
export interface WindowSummary {
  key: string;
  /** Events after the first one, inside the window. */
  repeats: number;
  windowStart: number;
  windowEnd: number;
}

export class SecurityEventWindows {
  private readonly open = new Map<string, { start: number; repeats: number }>();
  /** Windows a new event replaced before `due` collected them. */
  private closed: WindowSummary[] = [];

  constructor(
    private readonly windowMs: number,
    /** Keys tracked at once; beyond it new keys are folded into one overflow key. */
    private readonly maxKeys = 10_000,
  ) {}

  /** 'first' when the caller should write this event's own row, 'counted' when it was summed. */
  hit(key: string, now: number): 'first' | 'counted' {
    const w = this.open.get(key);
    if (w && now - w.start < this.windowMs) {
      w.repeats++;
      return 'counted';
    }
    if (!w && this.open.size >= this.maxKeys && key !== 'overflow')
      return this.hit('overflow', now);
    if (w) this.close(key, w);
    this.open.set(key, { start: now, repeats: 0 });
    return 'first';
  }

  /** Closed windows with repeats (removed from the count); `all` closes every window now. */
  due(now: number, all = false): WindowSummary[] {
    for (const [key, w] of this.open) {
      if (!all && now - w.start < this.windowMs) continue;
      this.open.delete(key);
      this.close(key, w);
    }
    const out = this.closed;
    this.closed = [];
    return out;
  }

  private close(key: string, w: { start: number; repeats: number }): void {
    if (w.repeats === 0) return;
    this.closed.push({
      key,
      repeats: w.repeats,
      windowStart: w.start,
      windowEnd: w.start + this.windowMs,
    });
  }
}
