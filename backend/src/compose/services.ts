import type { SqlStore } from '../adapters/store/index.js';
import type { TradingEngine } from '../engine/index.js';
import type { ChangeBus } from '../ports/change-bus.js';
import type { MarketDataFeed } from '../ports/market-data.js';
import type { ProductStatusSource } from '../ports/product-status-source.js';
import { AlertService } from '../services/alerts/alert-service.js';
import { AuditService } from '../services/audit-service.js';
import { ConfigService } from '../services/config-service.js';
import { ControlsService } from '../services/controls-service.js';
import { seedDemo } from '../services/demo-seed.js';
import { FlagsService } from '../services/flags-service.js';
import type { ProcessContext } from './config.js';
import { DeferredPublisher } from './deferred-publisher.js';

/** The operator-facing services: audit, trading controls, dynamic config and flags. */
export interface OperatorServices {
  /** Services are built before the socket gateway exists; it becomes their target once listening. */
  readonly publisher: DeferredPublisher;
  readonly audit: AuditService;
  /** Alerts raised outside the trading loop (controls, conditions, model drift). */
  readonly alerts: AlertService;
  readonly controls: ControlsService;
  readonly config: ConfigService;
  readonly flags: FlagsService;
}

/**
 * Builds the services and loads their state (demo profiles, dynamic config, the control layers
 * into the engine). Controls are not started here: the tenant loops subscribe to their changes
 * first (`tenant-loops.ts`).
 */
export async function composeServices(
  ctx: ProcessContext,
  parts: {
    store: SqlStore;
    bus: ChangeBus;
    market: MarketDataFeed;
    engine: TradingEngine;
    productStatus: ProductStatusSource;
  },
): Promise<OperatorServices> {
  const { env, logger } = ctx;
  const { store, bus, engine, productStatus } = parts;
  const publisher = new DeferredPublisher();
  const audit = new AuditService({ store, publisher });
  const alerts = new AlertService({ store, publisher, logger });
  const controls = new ControlsService({
    alerts,
    store,
    audit,
    publisher,
    bus,
    productStatus: () => productStatus.current().status,
    logger,
  });
  const config = new ConfigService({
    store,
    audit,
    publisher,
    bus,
    logger,
    refreshMs: env.DYNAMIC_CONFIG_REFRESH_MS,
  });
  const flags = new FlagsService({ env, config });

  if (env.DEMO_SEED) {
    const symbols = new Set(parts.market.instruments().map((i) => i.symbol));
    const created = await seedDemo(store, symbols);
    if (created) logger.info({ created }, 'demo profiles seeded');
  }
  await config.refresh();
  config.start();

  const layers = await controls.reload();
  engine.setControls({ global: layers.global, tenants: layers.tenants, profiles: layers.profiles });
  return { publisher, audit, alerts, controls, config, flags };
}
