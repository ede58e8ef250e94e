/** Attempts per delivery before it is marked failed (about two hours of retries in total). */
export const MAX_DELIVERY_ATTEMPTS = 8;

/**
 * Delay before the next attempt after `attempts` failures: exponential from 15 s, capped at 30
 * min, with a deterministic jitter from the delivery id so retries of one outage spread out
 * without a random source (tests stay exact).
 */
export function retryDelayMs(attempts: number, deliveryId: string): number {
  const base = Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
  let h = 0;
  for (const ch of deliveryId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return base + (h % 1000) * (base / 10_000);
}
