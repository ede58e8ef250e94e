import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names a receiver reads; the scheme is documented in docs/OPERATIONS.md. */
export const SIGNATURE_HEADER = 'x-bytelyst-signature';
export const TIMESTAMP_HEADER = 'x-bytelyst-timestamp';

/** HMAC-SHA256 over `${timestamp}.${body}`, hex, as `v1=<hex>`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does: recompute and compare in constant time, and refuse old timestamps so a
 * captured request cannot be replayed later.
 */
export function verifyWebhook(o: {
  secret: string;
  timestamp: string;
  body: string;
  signature: string;
  now: number;
  toleranceSeconds?: number;
}): boolean {
  const ts = Number(o.timestamp);
  if (!Number.isSafeInteger(ts)) return false;
  if (Math.abs(o.now / 1000 - ts) > (o.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(o.secret, ts, o.body));
  const given = Buffer.from(o.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
