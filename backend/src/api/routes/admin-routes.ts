import { AppError } from '@bytelyst/trading-contracts';
import { BREAK_GLASS_ID } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { RouteHandlers } from '../http/route-context.js';
import { realActor } from '../security-audit.js';
import type { ApiDeps } from './deps.js';

type AdminRoutes = Pick<
  RouteHandlers,
  | 'adminControls'
  | 'adminSetControl'
  | 'adminConfig'
  | 'adminPutConfig'
  | 'adminAudit'
  | 'adminClusters'
  | 'adminSignals'
  | 'adminEntries'
  | 'internalPause'
  | 'internalResume'
>;

const adminActor = (p: Principal) => realActor(p);

/** The tenant a tenant admin is confined to; undefined for operators and services. */
const confinedTo = (p: Principal): string | undefined =>
  p.kind === 'user' && p.role === 'tenant_admin' ? p.tenantId : undefined;

/**
 * Operators see every tenant (the cross-tenant views merge one page from each); a tenant admin
 * sees the global layer and their own tenant, sets modes only there, and reads its audit only.
 */
export const adminRoutes = (deps: ApiDeps): AdminRoutes => ({
  adminControls: async ({ principal }) => deps.controls.list(confinedTo(principal) ?? null),
  adminSetControl: async ({ principal, body, requestId }) => {
    // Break-glass stops trading; resuming it takes an admin with a token.
    if (
      principal.userId === BREAK_GLASS_ID &&
      principal.kind === 'service' &&
      body.mode === 'RUNNING'
    )
      throw new AppError('FORBIDDEN', 'The break-glass credential can only pause or halt trading.');
    return deps.controls.set({
      body,
      actor: adminActor(principal),
      requestId,
      withinTenant: confinedTo(principal),
    });
  },
  adminConfig: async () => ({ entries: deps.config.list() }),
  adminPutConfig: async ({ principal, body, requestId }) =>
    deps.config.put({ body, actor: adminActor(principal), requestId }),
  adminAudit: async ({ principal, query }) =>
    deps.store.admin.listAudit({ ...query, tenantId: confinedTo(principal) ?? query.tenantId }),
  adminClusters: async () => ({ items: await deps.store.admin.strategyClusters() }),
  adminSignals: async ({ query }) => deps.store.admin.listDecisionsAcrossTenants(query),
  adminEntries: async ({ query }) => deps.store.admin.listEntriesAcrossTenants(query),
  internalPause: async ({ principal, body, requestId }) =>
    deps.controls.set({
      body: { scope: body.scope, targetId: body.targetId, mode: 'PAUSED', reason: body.reason },
      actor: adminActor(principal),
      requestId,
    }),
  internalResume: async ({ principal, body, requestId }) =>
    deps.controls.set({
      body: { scope: body.scope, targetId: body.targetId, mode: 'RUNNING', reason: body.reason },
      actor: adminActor(principal),
      requestId,
    }),
});
