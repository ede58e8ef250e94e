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
  /** Enabled tenants whose loop no instance holds: this deployment cannot serve them. */
  tenantsWithoutLoop?: () => Promise<string[]>;
}

/** The readiness bound: a database that does not answer within it fails the probe. */
export const READINESS_DB_TIMEOUT_MS = 2_000;

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });

/**
 * Ready means safe to take traffic and trade: the database answers, product status is fresh,
 * market data flows, the loop beats, and reconciliation has succeeded. Anything else fails
 * readiness so an orchestrator keeps traffic and rollouts away.
 */
export function createReadinessProbe(options: ReadinessOptions): ReadinessProbe {
  return {
    async check() {
      const checks: HealthResponse['checks'] = [];
      const db = await within(options.store.healthCheck(), READINESS_DB_TIMEOUT_MS).catch(
        (e: unknown) => ({ ok: false, error: String(e) }),
      );
      checks.push({
        name: 'database',
        ok: db.ok,
        detail: db.ok ? `${options.store.driver}` : 'database unreachable',
      });

      const snap = options.productStatus.current();
      const age = snap.receivedAt === null ? null : options.now() - snap.receivedAt;
      const fresh = age !== null && age <= options.statusMaxAgeMs;
      checks.push({
        name: 'platform_status',
        ok: fresh,
        detail: age === null ? 'never received' : `age ${age} ms`,
      });

      const h = options.engine.health();
      const mdOk = h.marketDataAgeMs !== null && h.marketDataAgeMs <= options.staleMarketDataMs;
      checks.push({
        name: 'market_data',
        ok: mdOk,
        detail: h.marketDataAgeMs === null ? 'no data yet' : `age ${h.marketDataAgeMs} ms`,
      });

      const loopOk =
        !options.ownsLoops() ||
        (h.loopHeartbeatAgeMs !== null && h.loopHeartbeatAgeMs <= options.loopStaleMs);
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
      // Ready means able to serve every tenant: each enabled tenant's loop is held by some
      // instance (any instance forwards orders to it), so after an outage this turns green only
      // once the loops are taken again.
      if (options.tenantsWithoutLoop && db.ok) {
        const orphans = await within(options.tenantsWithoutLoop(), READINESS_DB_TIMEOUT_MS).catch(
          () => null,
        );
        checks.push({
          name: 'tenant_loops',
          ok: orphans !== null && orphans.length === 0,
          detail:
            orphans === null
              ? 'unknown'
              : orphans.length === 0
                ? 'every tenant has a loop'
                : `no loop: ${orphans.join(', ').slice(0, 250)}`,
        });
      }
      const ok = checks.every((c) => c.ok);
      return {
        status: ok ? 'ok' : 'fail',
        service: 'trading-backend',
        version: options.version,
        time: new Date(options.now()).toISOString(),
        checks,
      };
    },
  };
}
