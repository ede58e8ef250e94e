import type { Decision, Order, Page } from '@bytelyst/trading-contracts';
import type { Principal } from '../auth/principal.js';
import type { RouteHandlers } from '../http/route-context.js';
import type { ApiDeps } from './deps.js';
import { tenantScope, type Store, type TenantScope } from '../../ports/store.js';

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
async function acrossTenants<T extends { createdAt: string }>(
  store: Store,
  limit: number,
  read: (scope: TenantScope) => Promise<Page<T>>,
): Promise<Page<T>> {
  const tenants = await store.listTenants();
  const pages = await Promise.all(tenants.map((t) => read(tenantScope(t.id))));
  const items = pages
    .flatMap((p) => p.items)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .slice(0, limit);
  return { items, nextCursor: null };
}

export const adminRoutes = (d: ApiDeps): AdminRoutes => ({
  adminControls: async () => d.controls.list(null),
  adminSetControl: async ({ principal, body, requestId }) =>
    d.controls.set({ body, actor: adminActor(principal), requestId }),
  adminConfig: async () => ({ entries: d.config.list() }),
  adminPutConfig: async ({ principal, body, requestId }) =>
    d.config.put({ body, actor: adminActor(principal), requestId }),
  adminAudit: async ({ query }) => d.store.admin.listAudit(query),
  adminClusters: async () => ({ items: await d.store.admin.strategyClusters() }),
  adminSignals: async ({ query }) =>
    acrossTenants<Decision>(d.store, query.limit, (scope) =>
      d.store.listDecisions(scope, {
        profileId: query.profileId,
        symbol: query.symbol,
        action: query.action,
        limit: query.limit,
      }),
    ),
  adminEntries: async ({ query }) => {
    const page = await acrossTenants<Order>(d.store, query.limit, (scope) =>
      d.store.listOrders(scope, {
        profileId: query.profileId,
        symbol: query.symbol,
        status: query.status,
        limit: query.limit,
      }),
    );
    return { items: page.items.filter((o) => !o.reduceOnly), nextCursor: null };
  },
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
