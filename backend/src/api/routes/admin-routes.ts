import { AppError } from '@bytelyst/trading-contracts';
import { BREAK_GLASS_ID } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import type { RouteHandlers } from '../http/route-context.js';
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

const adminActor = (p: Principal) => ({
  type: p.kind === 'service' ? ('service' as const) : ('admin' as const),
  id: p.userId,
  tenantId: p.kind === 'service' ? null : p.tenantId,
});

/** Newest-first merge of one page from every tenant: the cross-tenant operator views. */
export const adminRoutes = (d: ApiDeps): AdminRoutes => ({
  adminControls: async () => d.controls.list(null),
  adminSetControl: async ({ principal, body, requestId }) => {
    // Break-glass stops trading; resuming it takes an admin with a token.
    if (
      principal.userId === BREAK_GLASS_ID &&
      principal.kind === 'service' &&
      body.mode === 'RUNNING'
    )
      throw new AppError('FORBIDDEN', 'The break-glass credential can only pause or halt trading.');
    return d.controls.set({ body, actor: adminActor(principal), requestId });
  },
  adminConfig: async () => ({ entries: d.config.list() }),
  adminPutConfig: async ({ principal, body, requestId }) =>
    d.config.put({ body, actor: adminActor(principal), requestId }),
  adminAudit: async ({ query }) => d.store.admin.listAudit(query),
  adminClusters: async () => ({ items: await d.store.admin.strategyClusters() }),
  adminSignals: async ({ query }) => d.store.admin.listDecisionsAcrossTenants(query),
  adminEntries: async ({ query }) => d.store.admin.listEntriesAcrossTenants(query),
  internalPause: async ({ principal, body, requestId }) =>
    d.controls.set({
      body: { scope: body.scope, targetId: body.targetId, mode: 'PAUSED', reason: body.reason },
      actor: adminActor(principal),
      requestId,
    }),
  internalResume: async ({ principal, body, requestId }) =>
    d.controls.set({
      body: { scope: body.scope, targetId: body.targetId, mode: 'RUNNING', reason: body.reason },
      actor: adminActor(principal),
      requestId,
    }),
});
