import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A weak validator of the JSON as serialised (before compression), so every encoding shares it. */
export const etagOf = (body: string): string =>
  `W/"${createHash('sha1').update(body).digest('base64url')}"`;

const matches = (header: string | undefined, etag: string): boolean =>
  !!header &&
  header
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === etag || t === '*');

/**
 * ETag / 304 for the API's GET answers: a client that polls (the mobile overview every minute)
 * sends back the last ETag in If-None-Match and, when nothing changed, gets 304 with no body.
 * Authed answers stay `no-store`: no cache in between keeps them; only the caller revalidates.
 * Registered before compression so the 304 has nothing to compress and the tag covers the JSON.
 */
export function etagHook(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (err: Error | null, payload?: unknown) => void,
): void {
  if (
    request.method !== 'GET' ||
    reply.statusCode !== 200 ||
    typeof payload !== 'string' ||
    !request.url.startsWith('/api/')
  )
    return done(null, payload);
  const etag = etagOf(payload);
  void reply.header('etag', etag);
  if (!matches(request.headers['if-none-match'], etag)) return done(null, payload);
  void reply.code(304).removeHeader('content-type').removeHeader('content-length');
  done(null, '');
}
