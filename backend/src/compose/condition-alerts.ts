import type { SqlStore } from '../adapters/store/index.js';
import { watchedConditions } from '../domain/alerts/conditions.js';
import type { TradingEngine } from '../engine/index.js';
import type { ProductStatusSource } from '../ports/product-status-source.js';
import { ConditionWatcher } from '../services/alerts/condition-watcher.js';
import type { ProcessContext } from './config.js';
import type { OperatorServices } from './services.js';

/** How long an outage must last before it raises an alert: one stale poll is not an outage. */
const OUTAGE_GRACE_MS = 30_000;

/**
 * The watcher over this instance's snapshots: its engine's tenants (venue reachability, market
 * data freshness), the product status it last received, and the tenants' disabled flags.
 */
export function composeConditionWatcher(
  ctx: ProcessContext,
  parts: {
    store: SqlStore;
    engine: TradingEngine;
    productStatus: ProductStatusSource;
    services: OperatorServices;
  },
): ConditionWatcher {
  const { env, clock, instanceId, staleMs } = ctx;
  const watcher = new ConditionWatcher({
    alerts: parts.services.alerts,
    now: () => clock.now(),
    logger: ctx.logger.child({ component: 'condition-watcher' }),
    conditions: async () => {
      const snap = parts.productStatus.current();
      const tenants = await parts.store.listTenants();
      return watchedConditions({
        now: clock.now(),
        instanceId,
        product: {
          status: snap.status,
          receivedAt: snap.receivedAt,
          maxAgeMs: env.PLATFORM_STATUS_MAX_AGE_MS,
        },
        tenants: parts.engine.health().tenants,
        tenantsDisabled: tenants.map((t) => ({ tenantId: t.id, disabled: t.disabled })),
        marketStaleMs: staleMs,
        outageGraceMs: OUTAGE_GRACE_MS,
      });
    },
  });
  // A kill switch or maintenance change raises its alert at once, not at the next pass.
  parts.productStatus.onUpdate((_snapshot, changed) => {
    if (changed) void watcher.tick();
  });
  return watcher;
}
