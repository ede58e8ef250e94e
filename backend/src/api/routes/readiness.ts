import type { HealthResponse } from '@bytelyst/trading-contracts';
import type { EngineFacade } from '../engine-facade.js';
import type { ProductStatusSource } from '../../ports/product-status-source.js';
import type { Store } from '../../ports/store.js';

export interface ReadinessProbe {
  check(): Promise<HealthResponse>;
}

export interface ReadinessOptions {
  store: Store;
  engine: EngineFacade;
  productStatus: ProductStatusSource;
  now: () => number;
  statusMaxAgeMs: number;
  staleMarketDataMs: number;
  loopStaleMs: number;
  version: string;
  /** Whether this instance is expected to run loops (false while it owns no tenant). */
  ownsLoops: () => boolean;
}

/**
 * Ready means safe to take traffic and trade: the database answers, product status is fresh,
 * market data flows, the loop beats, and reconciliation has succeeded. Anything else fails
 * readiness so an orchestrator keeps traffic and rollouts away.
 */
export function createReadinessProbe(o: ReadinessOptions): ReadinessProbe {
  return {
    async check() {
      const checks: HealthResponse['checks'] = [];
      const db = await o.store
        .healthCheck()
        .catch((e: unknown) => ({ ok: false, error: String(e) }));
      checks.push({
        name: 'database',
        ok: db.ok,
        detail: db.ok ? `${o.store.driver}` : 'database unreachable',
      });

      const snap = o.productStatus.current();
      const age = snap.receivedAt === null ? null : o.now() - snap.receivedAt;
      const fresh = age !== null && age <= o.statusMaxAgeMs;
      checks.push({
        name: 'platform_status',
        ok: fresh,
        detail: age === null ? 'never received' : `age ${age} ms`,
      });

      const h = o.engine.health();
      const mdOk = h.marketDataAgeMs !== null && h.marketDataAgeMs <= o.staleMarketDataMs;
      checks.push({
        name: 'market_data',
        ok: mdOk,
        detail: h.marketDataAgeMs === null ? 'no data yet' : `age ${h.marketDataAgeMs} ms`,
      });

      const loopOk =
        !o.ownsLoops() || (h.loopHeartbeatAgeMs !== null && h.loopHeartbeatAgeMs <= o.loopStaleMs);
      checks.push({
        name: 'loop_heartbeat',
        ok: loopOk,
        detail: h.loopHeartbeatAgeMs === null ? 'no heartbeat' : `age ${h.loopHeartbeatAgeMs} ms`,
      });

      checks.push({
        name: 'reconciliation',
        ok: h.reconciled,
        detail: h.reconciled
          ? 'done'
          : `pending: ${h.unreconciledTenants.join(', ').slice(0, 250)}`,
      });
      const ok = checks.every((c) => c.ok);
      return {
        status: ok ? 'ok' : 'fail',
        service: 'trading-backend',
        version: o.version,
        time: new Date(o.now()).toISOString(),
        checks,
      };
    },
  };
}
