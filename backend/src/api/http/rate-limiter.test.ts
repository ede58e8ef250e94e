import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('rate limiter', () => {
  it('allows max requests per window and key, then refuses with the seconds left', () => {
    let now = 1_000_000;
    const rl = new RateLimiter({ max: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => rl.hit('user:acme:u-alice').allowed)).toEqual([true, true, true]);
    now += 15_000;
    expect(rl.hit('user:acme:u-alice')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    // Another key has its own window.
    expect(rl.hit('user:globex:u-bob').allowed).toBe(true);
    // The window resets.
    now += 45_000;
    expect(rl.hit('user:acme:u-alice').allowed).toBe(true);
  });

  it('stays bounded under a flood of distinct keys, forgetting the oldest windows', () => {
    let now = 0;
    const rl = new RateLimiter({ max: 1, windowMs: 60_000, maxKeys: 100, now: () => now });
    rl.hit('ip:victim');
    expect(rl.hit('ip:victim').allowed).toBe(false);
    for (let i = 0; i < 1000; i++) {
      now += 1;
      rl.hit(`ip:spoof-${i}`);
    }
    expect(rl.size).toBe(100);
    // The oldest window was evicted, so it starts over rather than staying refused.
    expect(rl.hit('ip:victim').allowed).toBe(true);
  });
});
