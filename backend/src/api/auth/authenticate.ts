import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, Id, PREVIEW_HEADER } from '@bytelyst/trading-contracts';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';
import type { TokenVerifier } from './token-verifier.js';

/** With auth switched off (never in production) every caller is this local operator. */
export const LOCAL_DEV_PRINCIPAL: Principal = {
  userId: 'u-admin',
  tenantId: 'acme',
  role: 'admin',
  sessionId: 'local-dev',
  expiresAt: 4_102_444_800,
  kind: 'user',
  preview: false,
};

export interface AuthOptions {
  verifier: TokenVerifier | null;
  onFailure: (request: FastifyRequest, error: AppError) => void;
  /** The operator's break-glass credential (BREAK_GLASS_TOKEN), when configured. */
  breakGlass?: BreakGlass | null;
}

/** Who a break-glass request acts as: a service admin, recorded as such in the audit log. */
export const BREAK_GLASS_ID = 'break-glass';
export const BREAK_GLASS_PRINCIPAL: Principal = {
  userId: BREAK_GLASS_ID,
  tenantId: BREAK_GLASS_ID,
  role: 'admin',
  sessionId: BREAK_GLASS_ID,
  expiresAt: 4_102_444_800,
  kind: 'service',
  preview: false,
};

/** The only routes the break-glass credential opens: stopping trading, nothing else. */
const BREAK_GLASS_ROUTES = new Set([
  'PUT /api/admin/trading-control',
  'POST /internal/trading/pause',
]);

export interface BreakGlass {
  /** sha256 of the secret: compared in constant time, the secret itself is not kept. */
  readonly digest: Buffer;
}

export const breakGlassFrom = (secret: string | undefined): BreakGlass | null =>
  secret ? { digest: createHash('sha256').update(secret).digest() } : null;

/**
 * True when the bearer is the break-glass secret. It does not depend on the platform or its keys,
 * so an operator can halt while identity is down. Any other route answers 403; the halt itself
 * is audited with the actor `service:break-glass` (and the route refuses a resume).
 */
function isBreakGlass(request: FastifyRequest, bg: BreakGlass, token: string): boolean {
  const d = createHash('sha256').update(token).digest();
  if (!timingSafeEqual(d, bg.digest)) return false;
  const route = `${request.method} ${request.routeOptions.url ?? ''}`;
  if (!BREAK_GLASS_ROUTES.has(route))
    throw new AppError('FORBIDDEN', 'The break-glass credential can only pause or halt trading.');
  return true;
}

const BEARER = 'Bearer ';
const TOKEN_CHARS = /^[A-Za-z0-9._~+/=-]{1,4096}$/;

function bearer(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const token = h.startsWith(BEARER) ? h.slice(BEARER.length) : '';
  if (!token)
    throw new AppError('TOKEN_INVALID', 'The Authorization header must be "Bearer <token>".');
  return token;
}

/** The token's characters are checked only before it is first verified (a cache hit was checked). */
function wellFormed(token: string): string {
  if (!TOKEN_CHARS.test(token))
    throw new AppError('TOKEN_INVALID', 'The Authorization header must be "Bearer <token>".');
  return token;
}

/**
 * Resolves the caller from the Authorization header. Tenant, user and role come only from the
 * verified token. An admin may add `x-preview-as: <userId>` to see exactly what that customer of
 * the same tenant sees; the preview has user rights only. Answers synchronously when the token was
 * verified before (the common case: a session's token is reused for fifteen minutes), so the hot
 * path of every request awaits nothing.
 */
export function authenticate(
  request: FastifyRequest,
  opts: AuthOptions,
): Principal | Promise<Principal> {
  const verifier = opts.verifier;
  if (!verifier) return withPreview(request, LOCAL_DEV_PRINCIPAL);
  let token: string | null;
  try {
    token = bearer(request);
    if (!token) throw new AppError('UNAUTHENTICATED');
  } catch (e) {
    return refuse(request, opts, e);
  }
  const hit = verifier.cached?.(token);
  if (hit) return withPreview(request, hit);
  try {
    if (opts.breakGlass && isBreakGlass(request, opts.breakGlass, token))
      return BREAK_GLASS_PRINCIPAL;
  } catch (e) {
    return refuse(request, opts, e);
  }
  return verifySlow(request, opts, verifier, token);
}

/** First sight of a token: check its characters, verify its signature and claims. */
async function verifySlow(
  request: FastifyRequest,
  opts: AuthOptions,
  verifier: TokenVerifier,
  token: string,
): Promise<Principal> {
  let principal: Principal;
  try {
    principal = await verifier.verify(wellFormed(token));
  } catch (e) {
    return refuse(request, opts, e);
  }
  return withPreview(request, principal);
}

/** Every authentication failure is reported (audit) and leaves as a typed error. */
function refuse(request: FastifyRequest, opts: AuthOptions, e: unknown): never {
  const err = e instanceof AppError ? e : new AppError('TOKEN_INVALID', undefined, { cause: e });
  opts.onFailure(request, err);
  throw err;
}

function withPreview(request: FastifyRequest, principal: Principal): Principal {
  const preview = request.headers[PREVIEW_HEADER];
  if (typeof preview === 'string' && preview.length > 0) {
    if (principal.role !== 'admin')
      throw new AppError('FORBIDDEN', 'Only admins can preview a customer view.');
    const target = preview === 'customer' ? principal.userId : preview;
    if (!Id.safeParse(target).success)
      throw new AppError('VALIDATION_FAILED', `${PREVIEW_HEADER} is not a valid user id.`);
    return { ...principal, userId: target, role: 'user', preview: true };
  }
  return principal;
}
