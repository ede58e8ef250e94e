import type { RouteHandlers } from '../http/route-context.js';
import type { ApiDeps } from './deps.js';
import { actorOf } from './profile-routes.js';
import { announceProfileChange } from './profile-changes.js';
import { assertProfileVisible } from './visibility.js';

type BlockRoutes = Pick<RouteHandlers, 'resolveBlock'>;

/** The alerts a block raised; the operator's decision is their acknowledgement. */
const BLOCK_ALERTS = new Set(['POSITION_MISMATCH', 'EXIT_REFUSED']);

export const blockRoutes = (d: ApiDeps): BlockRoutes => ({
  /**
   * The engine (on the tenant's loop owner) decides, changes the books and writes the one audit
   * row in one commit; the route then acknowledges the block's open alerts and refreshes the
   * profile directory so every surface reads the lifted (or kept) block.
   */
  resolveBlock: async ({ scope, principal, params, body, requestId }) => {
    const profile = await assertProfileVisible(d.profiles, principal, params.id);
    const outcome = await d.engine.resolveBlock({
      tenantId: scope.tenantId,
      profileId: params.id,
      action: body.action,
      reason: body.reason,
      actor: actorOf(principal),
      requestId,
    });
    const open = await d.store.listAlerts(scope, {
      profileId: params.id,
      acknowledged: false,
      limit: 500,
    });
    let acknowledgedAlerts = 0;
    for (const a of open.items) {
      if (!BLOCK_ALERTS.has(a.code)) continue;
      await d.store.changeAlert(scope, {
        id: a.id,
        action: 'acknowledge',
        by: principal.previewBy ?? principal.userId,
      });
      acknowledgedAlerts++;
    }
    await announceProfileChange(d, profile, { removed: false, at: new Date().toISOString() });
    return { ...outcome, acknowledgedAlerts };
  },
});
