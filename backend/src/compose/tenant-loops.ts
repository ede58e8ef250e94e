import { createLeaseManager, type SqlStore } from '../adapters/store/index.js';
import { anyTenantEngine } from '../api/routing/any-tenant-engine.js';
import { CommandRelay } from '../api/routing/command-relay.js';
import type { TradingEngine } from '../engine/index.js';
import type { EngineFacade } from '../api/engine-facade.js';
import type { ChangeBus } from '../ports/change-bus.js';
import type { ProductStatusSource } from '../ports/product-status-source.js';
import { ProfileSync } from '../services/profile-sync.js';
import { TenantSupervisor } from '../services/tenant-supervisor.js';
import type { ProcessContext } from './config.js';
import type { OperatorServices } from './services.js';

/** Which tenants' loops run on this instance, and how the API reaches the others. */
export interface TenantLoops {
  readonly leases: ReturnType<typeof createLeaseManager>;
  readonly supervisor: TenantSupervisor;
  readonly relay: CommandRelay;
  /** The engine as the API sees it: local for tenants held here, relayed for the rest. */
  readonly apiEngine: EngineFacade;
  /** Tenants whose loop lease this instance holds. */
  readonly held: () => string[];
  readonly owns: (tenantId: string) => boolean;
}

/**
 * Loop leases (one live owner per tenant), the supervisor that restarts a failed tenant loop,
 * the command relay to the owner, profile sync, and the control and product-status feeds into
 * the engine. Nothing starts ticking here except the relay and the control feeds.
 */
export function composeTenantLoops(
  ctx: ProcessContext,
  parts: {
    store: SqlStore;
    bus: ChangeBus;
    engine: TradingEngine;
    services: OperatorServices;
    productStatus: ProductStatusSource;
    schema?: string | undefined;
    leaseIntervalMs?: number | undefined;
  },
): TenantLoops {
  const { env, logger, instanceId, metrics } = ctx;
  const { store, bus, engine, productStatus } = parts;
  const { audit, controls, publisher } = parts.services;

  const supervisor = new TenantSupervisor({
    engine,
    epochOf: (t) => leases.epochOf(t),
    audit,
    logger: logger.child({ component: 'supervisor' }),
    instanceId,
  });
  const leases = createLeaseManager({
    store,
    instanceId,
    databaseUrl: env.DATABASE_URL,
    schema: parts.schema,
    intervalMs: parts.leaseIntervalMs ?? 3000,
    candidates: async () => (await store.listTenants()).filter((t) => !t.disabled).map((t) => t.id),
    onAcquired: ({ tenantId, epoch }) => {
      logger.info({ tenantId, epoch }, 'loop lease acquired');
      metrics.trading.leases.set(leases.held().length);
      void audit
        .record({
          actor: { type: 'system', id: instanceId, tenantId: null },
          tenantId,
          action: 'loop.lease_acquired',
          target: `tenant:${tenantId}`,
          after: { epoch, instanceId },
        })
        .catch(() => undefined);
      void supervisor.start(tenantId, epoch);
    },
  });
  const held = () => leases.held().map((l) => l.tenantId);
  const owns = (t: string) => leases.epochOf(t) !== null;
  leases.onLost((tenantId, reason) => {
    logger.warn({ tenantId, reason }, 'loop lease lost; stopping the tenant loop');
    metrics.trading.leases.set(leases.held().length);
    void engine.stopTenant(tenantId);
  });

  controls.onChange((l) => {
    engine.setControls({ global: l.global, tenants: l.tenants, profiles: l.profiles });
    for (const t of l.disabledTenants) {
      publisher.disconnectTenant(t);
      void leases.release(t).then(() => engine.stopTenant(t));
    }
  });
  controls.start();
  productStatus.onUpdate((snap, changed) => {
    engine.setControls({ product: snap.status, productReceivedAt: snap.receivedAt });
    if (changed && snap.status) publisher.toPublic('product_status', snap.status);
  });
  productStatus.start();

  // Any instance serves any tenant: orders for a tenant whose loop runs elsewhere go to its owner.
  const relay = new CommandRelay({
    store,
    bus,
    engine,
    instanceId,
    held,
    logger: logger.child({ component: 'commands' }),
  });
  relay.start();
  const apiEngine = anyTenantEngine(engine, { relay, runsHere: owns });

  const profileSync = new ProfileSync({ store, engine });
  bus.subscribe((topic) => {
    if (topic !== 'profiles') return;
    profileSync.sync(held()).catch((err: unknown) => logger.warn({ err }, 'profile sync failed'));
  });
  return { leases, supervisor, relay, apiEngine, held, owns };
}
