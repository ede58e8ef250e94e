export interface RateVerdict {
  allowed: boolean;
  /** Seconds until the caller's window resets (what `Retry-After` says on a refusal). */
  retryAfterSeconds: number;
}

export interface RateLimiterOptions {
  /** Requests allowed per key and window. */
  max: number;
  windowMs: number;
  /** Keys remembered at most; the least recently started windows are forgotten first. */
  maxKeys?: number;
  now?: () => number;
}

/**
 * Fixed-window request counters per key (`ip:<addr>`, `user:<tenant>:<user>`), in this process.
 * Synchronous on purpose: it runs twice on every request, and a promise-based store round trip
 * (what @fastify/rate-limit does even in memory) cost a sixth of the API's throughput. Memory is
 * bounded by `maxKeys`, so a flood of spoofed keys evicts old windows instead of growing the map.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly o: RateLimiterOptions) {
    this.maxKeys = o.maxKeys ?? 50_000;
    this.now = o.now ?? Date.now;
  }

  hit(key: string): RateVerdict {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      // A new window goes to the back of the map, so eviction takes the oldest windows first.
      if (w) this.windows.delete(key);
      else if (this.windows.size >= this.maxKeys) this.evictOldest();
      w = { count: 0, resetAt: now + this.o.windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    return {
      allowed: w.count <= this.o.max,
      retryAfterSeconds: Math.max(1, Math.ceil((w.resetAt - now) / 1000)),
    };
  }

  get size(): number {
    return this.windows.size;
  }

  private evictOldest(): void {
    const oldest = this.windows.keys().next();
    if (!oldest.done) this.windows.delete(oldest.value);
  }
}
