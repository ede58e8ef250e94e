import { AppError } from '@bytelyst/trading-contracts';
import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../storage/audit-repo.js';
import type { Platform } from '../services/platform.js';
import type { VerifiedPrincipal } from '../services/tokens.js';

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/.exec(h);
  if (!m?.[1]) throw new AppError('TOKEN_INVALID', 'Authorization must be "Bearer <token>".');
  return m[1];
}

/** Verifies the bearer token if one is sent; a bad token is an error, a missing one is null. */
export async function optionalPrincipal(
  platform: Platform,
  req: FastifyRequest,
): Promise<VerifiedPrincipal | null> {
  const token = bearer(req);
  if (!token) return null;
  const principal = await platform.tokens.verify(token);
  if (principal.kind === 'user') await platform.auth.assertSessionLive(principal.claims.sid);
  seen.set(req, principal);
  return principal;
}

/** The verified caller of a request, for the error handler's audit of a refusal. */
const seen = new WeakMap<FastifyRequest, VerifiedPrincipal>();
export const principalSeen = (req: FastifyRequest): VerifiedPrincipal | undefined => seen.get(req);

export async function requireUser(
  platform: Platform,
  req: FastifyRequest,
): Promise<Extract<VerifiedPrincipal, { kind: 'user' }>> {
  const p = await optionalPrincipal(platform, req);
  if (!p) throw new AppError('UNAUTHENTICATED');
  if (p.kind !== 'user') throw new AppError('FORBIDDEN', 'This needs a user session.');
  return p;
}

/** Product-wide controls (status, flags, keys, tenants, telemetry): operators and services. */
export async function requireOperator(
  platform: Platform,
  req: FastifyRequest,
): Promise<VerifiedPrincipal> {
  const p = await optionalPrincipal(platform, req);
  if (!p) throw new AppError('UNAUTHENTICATED');
  if (p.claims.role !== 'operator') throw new AppError('FORBIDDEN');
  return p;
}

/**
 * One tenant's administration: its tenant admins, or an operator. `tenantId` is the tenant the
 * caller may act on: their own for a tenant admin, null (every tenant) for an operator.
 */
export async function requireTenantAdmin(
  platform: Platform,
  req: FastifyRequest,
): Promise<{ principal: VerifiedPrincipal; tenantId: string | null }> {
  const p = await optionalPrincipal(platform, req);
  if (!p) throw new AppError('UNAUTHENTICATED');
  if (p.claims.role === 'operator') return { principal: p, tenantId: null };
  if (p.kind === 'user' && p.claims.role === 'tenant_admin')
    return { principal: p, tenantId: p.claims.tenant };
  throw new AppError('FORBIDDEN');
}

export function actorOf(p: VerifiedPrincipal): AuditActor {
  return p.kind === 'service'
    ? { type: 'service', id: p.claims.sub, tenantId: null }
    : {
        type: p.claims.role,
        id: p.claims.sub,
        tenantId: p.claims.tenant,
      };
}
