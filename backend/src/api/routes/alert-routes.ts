import { IDEMPOTENCY_HEADER, type Alert } from '@bytelyst/trading-contracts';
import { viaOf } from '../client-surface.js';
import { idempotent } from './idempotency.js';
import type { Principal } from '../auth/principal.js';
import type { AuthedContext, RouteHandlers } from '../http/route-context.js';
import { realActor } from '../security-audit.js';
import type { ApiDeps } from './deps.js';
import { assertProfileVisible, visibleProfileIds } from './visibility.js';

type AlertRoutes = Pick<
  RouteHandlers,
  'alerts' | 'alertCounts' | 'acknowledgeAlert' | 'resolveAlert' | 'alertDeliveries'
>;

const ids = (visible: ReadonlySet<string> | null) => (visible ? [...visible] : null);

/**
 * The alert centre's reads and the two state changes. A user sees and changes tenant-wide alerts
 * and their own profiles' ones; admins the whole tenant. Every change is audited with the row
 * before and after, and streamed so other screens' badges move.
 */
export const alertRoutes = (deps: ApiDeps): AlertRoutes => {
  const change = async (
    ctx: AuthedContext<'acknowledgeAlert' | 'resolveAlert'>,
    action: 'acknowledge' | 'resolve',
  ): Promise<Alert> => {
    const { scope, principal, params, requestId, request, reply } = ctx;
    const run = async () => ({ status: 200, body: await apply() });
    // The app always sends a key (a retried tap replays the first answer); the web may not.
    if (!request.headers[IDEMPOTENCY_HEADER]) return apply();
    return idempotent({ store: deps.store, scope, userId: principal.userId, request, reply }, run);
    async function apply(): Promise<Alert> {
      const visible = await visibleProfileIds(deps.profiles, principal);
      const { before, after } = await deps.store.changeAlert(scope, {
        id: params.id,
        action,
        by: actorId(principal),
        onlyProfiles: ids(visible),
      });
      if (before.state !== after.state) {
        await deps.audit.record({
          actor: realActor(principal),
          tenantId: scope.tenantId,
          action: action === 'resolve' ? 'alert.resolve' : 'alert.acknowledge',
          target: `alert:${after.id}`,
          before: { state: before.state },
          after: { state: after.state, ...viaOf(request) },
          requestId,
        });
        await publishChange(deps, after);
      }
      return after;
    }
  };
  return {
    alerts: async ({ scope, principal, query }) => {
      if (query.profileId) await assertProfileVisible(deps.profiles, principal, query.profileId);
      const visible = await visibleProfileIds(deps.profiles, principal);
      return deps.store.listAlerts(scope, { ...query, onlyProfiles: ids(visible) });
    },
    alertCounts: async ({ scope, principal }) => {
      const visible = await visibleProfileIds(deps.profiles, principal);
      return deps.store.countOpenAlerts(scope, { onlyProfiles: ids(visible) });
    },
    acknowledgeAlert: (ctx) => change(ctx, 'acknowledge'),
    resolveAlert: (ctx) => change(ctx, 'resolve'),
    alertDeliveries: async ({ scope, principal, params }) => {
      // A user sees only their own deliveries; an admin every delivery of the tenant's users.
      const visible = await visibleProfileIds(deps.profiles, principal);
      await deps.store.getAlert(scope, { id: params.id, onlyProfiles: ids(visible) });
      const items = await deps.store.notifications.listDeliveries(
        scope,
        params.id,
        visible ? principal.userId : undefined,
      );
      return { items };
    },
  };
};

/** Like the engine's alert events: a profile's alert goes to its owner, the rest to the tenant. */
async function publishChange(deps: ApiDeps, alert: Alert): Promise<void> {
  if (!alert.tenantId) return;
  if (!alert.profileId) return deps.publisher.toTenant(alert.tenantId, 'alert', alert);
  const owner = (await deps.profiles.profiles(alert.tenantId)).find(
    (p) => p.id === alert.profileId,
  );
  if (owner)
    deps.publisher.toUser({ tenantId: alert.tenantId, userId: owner.userId }, 'alert', alert);
}

/** Who acted, as stored on the alert: the real person behind a preview. */
const actorId = (p: Principal): string => p.previewBy ?? p.userId;
