import { createHash } from 'node:crypto';
import { AppError, ErrorEnvelopeSchema, IDEMPOTENCY_HEADER } from '@bytelyst/trading-contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Store, TenantScope } from '../../ports/store.js';

const KEY_RE = /^[A-Za-z0-9_.:-]{8,128}$/;

const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

export function idempotencyKeyOf(request: FastifyRequest): string {
  const raw = request.headers[IDEMPOTENCY_HEADER];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  if (!KEY_RE.test(key))
    throw new AppError(
      'VALIDATION_FAILED',
      'Idempotency-Key must be 8-128 letters, digits or _ . : -',
    );
  return key;
}

/**
 * The identity of what a keyed request creates: the same (tenant, user, key) always names the
 * same order, and another user's key, even byte-identical, names a different one.
 */
export const orderKeyOf = (tenantId: string, userId: string, key: string): string =>
  createHash('sha256')
    .update(JSON.stringify([tenantId, userId, key]))
    .digest('base64url');

export interface IdempotentOptions {
  store: Store;
  scope: TenantScope;
  userId: string;
  request: FastifyRequest;
  reply: FastifyReply;
  /** How long a second caller waits for the first to finish before answering CONFLICT. */
  waitMs?: number;
}

/** A stored outcome to replay: the status and body the first request answered with. */
class Replay {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/**
 * Runs `fn` at most once per (tenant, user, Idempotency-Key). The first caller claims the key in
 * the database (a unique row, so concurrent callers on any instance race safely); later callers
 * get the first response replayed, status included. A different body under the same key is
 * refused. If `fn` fails before any effect, the claim is released so a retry can run.
 */
export async function idempotent<T>(
  options: IdempotentOptions,
  fn: (orderKey: string) => Promise<{ status: number; body: T }>,
): Promise<T> {
  const key = idempotencyKeyOf(options.request);
  const requestHash = createHash('sha256')
    .update(
      `${options.request.method} ${options.request.url.split('?')[0]} ${canonical(options.request.body)}`,
    )
    .digest('hex');
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  for (;;) {
    const claim = await options.store.claimIdempotencyKey(options.scope, {
      userId: options.userId,
      key,
      requestHash,
      staleAfterMs: 60_000,
    });
    if (claim.status === 'completed')
      return replay(options.reply, new Replay(claim.responseStatus, claim.responseBody)) as T;
    if (claim.status === 'claimed') break;
    if (Date.now() > deadline)
      throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still in progress.');
    await new Promise((r) => setTimeout(r, 50));
  }
  let outcome: { status: number; body: T };
  try {
    outcome = await fn(orderKeyOf(options.scope.tenantId, options.userId, key));
  } catch (e) {
    if (e instanceof AppError && e.status < 500) {
      // A refusal is a final answer: the same request must get the same refusal again.
      const body = e.toEnvelope(options.request.id);
      await options.store.completeIdempotencyKey(options.scope, {
        userId: options.userId,
        key,
        responseStatus: e.status,
        responseBody: body,
      });
      throw e;
    }
    await options.store.releaseIdempotencyKey(options.scope, { userId: options.userId, key });
    throw e;
  }
  await options.store.completeIdempotencyKey(options.scope, {
    userId: options.userId,
    key,
    responseStatus: outcome.status,
    responseBody: outcome.body,
  });
  return outcome.body;
}

function replay(reply: FastifyReply, r: Replay): unknown {
  void reply.header('idempotent-replayed', 'true');
  if (r.status >= 400) {
    const env = ErrorEnvelopeSchema.safeParse(r.body);
    if (!env.success) throw new AppError('INTERNAL');
    throw new AppError(
      env.data.error.code,
      env.data.error.message,
      env.data.error.details ? { details: env.data.error.details } : undefined,
    );
  }
  return r.body;
}
