import { createHmac, timingSafeEqual } from 'node:crypto';
import { BinanceError } from './binance-errors.js';

/**
 * Binance's SIGNED endpoint rules: `signature` is HMAC-SHA256 (hex) of the total parameters
 * (query string, then body) without the signature itself, keyed by the API secret; `timestamp`
 * must be no more than 1 s ahead of the server and no older than `recvWindow` (default 5000,
 * at most 60000).
 */
export function verifySignedRequest(o: {
  query: string;
  body: string;
  secret: string;
  now: number;
}): URLSearchParams {
  const total = [o.query, o.body].filter((s) => s.length > 0).join('&');
  const at = total.lastIndexOf('signature=');
  if (at < 0) throw new BinanceError('mandatoryParam');
  const payload = total.slice(0, Math.max(0, at - 1));
  const given = total.slice(at + 'signature='.length).split('&')[0] ?? '';
  const expected = createHmac('sha256', o.secret).update(payload).digest('hex');
  if (
    given.length !== expected.length ||
    !timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  )
    throw new BinanceError('badSignature');
  const params = new URLSearchParams(payload);
  const timestamp = Number(params.get('timestamp'));
  if (!Number.isFinite(timestamp) || timestamp <= 0) throw new BinanceError('mandatoryParam');
  const recvWindow = Math.min(60_000, Number(params.get('recvWindow') ?? 5000));
  if (timestamp > o.now + 1000 || o.now - timestamp > recvWindow)
    throw new BinanceError('timestampOutsideRecvWindow');
  return params;
}
