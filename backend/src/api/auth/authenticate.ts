import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, Id, isAdminRole, PREVIEW_HEADER } from '@bytelyst/trading-contracts';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';
import { sessionKeyOf } from './session-key.js';
import type { TokenVerifier } from './token-verifier.js';

/** With auth switched off (never in production) every caller is this local operator. */
export const LOCAL_DEV_PRINCIPAL: Principal = {
  userId: 'u-admin',
  tenantId: 'acme',
  role: 'operator',
  sessionId: 'local-dev',
  sessionKey: sessionKeyOf('local-dev'),
  expiresAt: 4_102_444_800,
  kind: 'user',
  previewBy: null,
};

export interface AuthOptions {
  verifier: TokenVerifier | null;
  /** True once the platform's revocation feed named the session (signed out, revoked). */
  isRevoked: (sessionKey: string) => boolean;
  /** Whether a user of this tenant exists for preview (owns something here). */
  isTenantUser: (tenantId: string, userId: string) => Promise<boolean>;
  /** The operator's break-glass credential (BREAK_GLASS_TOKEN), when configured. */
  breakGlass?: BreakGlass | null;
}

/** Who a break-glass request acts as: a service admin, recorded as such in the audit log. */
export const BREAK_GLASS_ID = 'break-glass';
export const BREAK_GLASS_PRINCIPAL: Principal = {
  userId: BREAK_GLASS_ID,
  tenantId: BREAK_GLASS_ID,
  role: 'operator',
  sessionId: BREAK_GLASS_ID,
  expiresAt: 4_102_444_800,
  sessionKey: sessionKeyOf(BREAK_GLASS_ID),
  kind: 'service',
  previewBy: null,
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
 * verified token; a session the platform revoked is refused (the feed is pulled in the
 * background, so verification stays local). An admin may add `x-preview-as: <userId>` to see
 * exactly what a user of the same tenant sees, read-only. Answers synchronously when the token
 * was verified before and no preview is asked, so the hot path awaits nothing.
 */
export function authenticate(
  request: FastifyRequest,
  opts: AuthOptions,
): Principal | Promise<Principal> {
  const verifier = opts.verifier;
  if (!verifier) return withPreview(request, LOCAL_DEV_PRINCIPAL, opts);
  let token: string | null;
  try {
    token = bearer(request);
    if (!token) throw new AppError('UNAUTHENTICATED');
  } catch (e) {
    return refuse(e);
  }
  const hit = verifier.cached?.(token);
  if (hit) {
    try {
      return withPreview(request, live(hit, opts), opts);
    } catch (e) {
      return refuse(e);
    }
  }
  try {
    if (opts.breakGlass && isBreakGlass(request, opts.breakGlass, token))
      return BREAK_GLASS_PRINCIPAL;
  } catch (e) {
    return refuse(e);
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
    principal = live(await verifier.verify(wellFormed(token)), opts);
  } catch (e) {
    return refuse(e);
  }
  return withPreview(request, principal, opts);
}

function live(principal: Principal, opts: AuthOptions): Principal {
  if (opts.isRevoked(principal.sessionKey))
    throw new AppError('TOKEN_INVALID', 'The session has ended.');
  return principal;
}

/** Every authentication failure leaves as a typed error (the error handler audits it). */
function refuse(e: unknown): never {
  throw e instanceof AppError ? e : new AppError('TOKEN_INVALID', undefined, { cause: e });
}

function withPreview(
  request: FastifyRequest,
  principal: Principal,
  opts: AuthOptions,
): Principal | Promise<Principal> {
  const preview = request.headers[PREVIEW_HEADER];
  if (typeof preview !== 'string' || preview.length === 0) return principal;
  request.principal = principal;
  if (!isAdminRole(principal.role) || principal.kind !== 'user')
    throw new AppError('FORBIDDEN', 'Only admins can preview a customer view.');
  const target = preview === 'customer' ? principal.userId : preview;
  if (!Id.safeParse(target).success)
    throw new AppError('VALIDATION_FAILED', `${PREVIEW_HEADER} is not a valid user id.`);
  const previewed: Principal = {
    ...principal,
    userId: target,
    role: 'user',
    previewBy: principal.userId,
  };
  if (target === principal.userId) return previewed;
  return opts.isTenantUser(principal.tenantId, target).then((exists) => {
    // A user of another tenant answers exactly like one that does not exist.
    if (!exists) throw new AppError('NOT_FOUND', 'No such user in your organisation to preview.');
    return previewed;
  });
}
