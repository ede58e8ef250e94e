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
}

function bearer(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const m = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(h);
  if (!m?.[1])
    throw new AppError('TOKEN_INVALID', 'The Authorization header must be "Bearer <token>".');
  return m[1];
}

/**
 * Resolves the caller from the Authorization header. Tenant, user and role come only from the
 * verified token. An admin may add `x-preview-as: <userId>` to see exactly what that customer of
 * the same tenant sees; the preview has user rights only.
 */
export async function authenticate(request: FastifyRequest, opts: AuthOptions): Promise<Principal> {
  let principal: Principal;
  if (!opts.verifier) {
    principal = LOCAL_DEV_PRINCIPAL;
  } else {
    try {
      const token = bearer(request);
      if (!token) throw new AppError('UNAUTHENTICATED');
      principal = await opts.verifier.verify(token);
    } catch (e) {
      const err =
        e instanceof AppError ? e : new AppError('TOKEN_INVALID', undefined, { cause: e });
      opts.onFailure(request, err);
      throw err;
    }
  }
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
