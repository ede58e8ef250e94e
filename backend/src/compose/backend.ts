import type { JobOverrides, Research } from './research.js';
import { composeNotifier } from './notifier.js';
import { composeAlerting } from './alerting.js';
import { composeConditionWatcher } from './condition-alerts.js';
import { composeSecrets } from './secrets.js';
import { AppError, DYNAMIC_CONFIG_CATALOG } from '@bytelyst/trading-contracts';
import { VenueAccountClients } from './venue-account-clients.js';
import type { VenueAccountService } from '../services/venue-accounts/venue-account-service.js';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { PaperExchange } from '../adapters/exchange/paper/paper-exchange.js';
import type { SqlStore } from '../adapters/store/index.js';
import type { TradingEngine } from '../engine/index.js';
import type { BackendEnv } from '../env.js';
import type { Clock } from '../ports/clock.js';
import type { ProductStatusSource } from '../ports/product-status-source.js';
import type { RevocationSource } from '../ports/revocations.js';
import type { VenueAccountProbe } from '../ports/venue-accounts.js';
import type { ControlsService } from '../services/controls-service.js';
import type { ConfigService } from '../services/config-service.js';
import { ModelLibrary } from '../services/models/model-library.js';
import { buildApi } from './api.js';
import { processContext, type ProcessContext } from './config.js';
import { composeEngine } from './engine.js';
import { connectPlatform, type PlatformLinks } from './platform.js';
import { composePortfolio, type PortfolioReads } from './portfolio.js';
import { composeServices, type OperatorServices } from './services.js';
import { openChangeBus, openStore } from './store.js';
import { composeTenantLoops, type TenantLoops } from './tenant-loops.js';
import { composeMarket } from './venue.js';
import { VenueFeeds, venueUrlOverrides } from './venue-feeds.js';
import { marketVenueOf } from '../domain/venues/venue-account.js';

export interface BackendOverrides {
  clock?: Clock;
  logger?: Logger;
  productStatus?: ProductStatusSource;
  /** Default: the platform's revocation feed when auth is on. */
  revocations?: RevocationSource;
  /** Share one paper venue between instances (multi-instance tests); default: one per process. */
  exchange?: PaperExchange;
  leaseIntervalMs?: number;
  /** Market-time staleness bound; tests on an accelerated clock widen it. */
  staleMarketDataMs?: number;
  /** PostgreSQL schema to use (tests isolate each run in its own). */
  schema?: string;
  /** Checks venue keys on connect; default: ccxt against the venue. */
  venueProbe?: VenueAccountProbe;
  /** Job queue timings and worker threads (tests shorten the wait for a dead instance's jobs). */
  jobs?: JobOverrides;
}

/** A whole backend, built but not started and not listening (no sockets). */
export interface ComposedBackend {
  readonly ctx: ProcessContext;
  readonly app: FastifyInstance;
  readonly store: SqlStore;
  readonly engine: TradingEngine;
  readonly exchange: PaperExchange;
  readonly market: { dispose(): Promise<void> };
  readonly platform: PlatformLinks;
  readonly services: OperatorServices;
  readonly loops: TenantLoops;
  readonly reads: PortfolioReads;
  readonly controls: ControlsService;
  readonly config: ConfigService;
  readonly models: ModelLibrary;
  /** The job queue and the parameter searches on it. */
  readonly research: Research;
  /** Starts the engine, the market, the loop leases and the store's pruning. */
  start(): Promise<void>;
  /** Stops everything that ticks (loops, engine, market, feeds); the app still answers. */
  halt(): Promise<void>;
  /** Closes the app, the backtest workers, the bus and the store; after `halt`. */
  close(): Promise<void>;
}

/**
 * Every piece of a backend in dependency order: config, store and bus, platform links, market
 * and venue, engine, services, tenant loops, read models, API. Sockets and listening are
 * `startBackend`'s (server.ts); API tests use this directly with `fastify.inject`.
 */
export async function composeBackend(
  env: BackendEnv,
  overrides: BackendOverrides = {},
): Promise<ComposedBackend> {
  const ctx = processContext(env, overrides);
  const store = await openStore(ctx, overrides.schema);
  const { market, exchange } = composeMarket(env, {
    clock: ctx.clock,
    store,
    ...(overrides.exchange ? { exchange: overrides.exchange } : {}),
  });
  // Model versions: read by the engine's model strategies and checked by the API.
  const models = new ModelLibrary();
  // Venue market data: one feed per venue, started when a profile on it first needs it.
  const venueFeeds = new VenueFeeds({
    clock: ctx.clock,
    symbols: market.instruments().map((i) => i.symbol),
    urlOverrides: venueUrlOverrides(env),
    onError: (venue, where, err) =>
      ctx.logger.warn({ venue, where, err: String(err) }, 'venue market data'),
  });
  ctx.metrics.venueFeeds.follow(() => venueFeeds.states());
  // The engine opens a venue account's client only when a tenant's loop starts (after this
  // composition), with the account service the API builds below.
  let accountClients: VenueAccountClients | null = null;
  let accountService: VenueAccountService | null = null;
  const engine = composeEngine(ctx, {
    store,
    market,
    exchange,
    models,
    venueFeeds,
    accountVenue: async (tenantId, accountId) => {
      if (!accountService) throw new AppError('NOT_READY', 'Venue accounts are not ready.');
      return marketVenueOf(await accountService.account({ tenantId }, accountId));
    },
    venueTagOf: async (tenantId, accountId) => {
      if (!accountService) throw new AppError('NOT_READY', 'Venue accounts are not ready.');
      const a = await accountService.account({ tenantId }, accountId);
      return { accountId: a.id, venueId: a.venueId, label: a.label };
    },
    venueAccounts: (tenantId, accountId) => {
      if (!accountClients) throw new AppError('NOT_READY', 'Venue accounts are not ready.');
      return accountClients.open({ tenantId }, accountId);
    },
  });
  const bus = await openChangeBus(ctx, store);
  const platform = await connectPlatform(ctx, store, overrides);
  const services = await composeServices(ctx, {
    store,
    bus,
    market,
    engine,
    productStatus: platform.productStatus,
  });
  const loops = composeTenantLoops(ctx, {
    store,
    bus,
    engine,
    services,
    productStatus: platform.productStatus,
    schema: overrides.schema,
    leaseIntervalMs: overrides.leaseIntervalMs,
  });
  const reads = composePortfolio(ctx, { store, bus, market, engine, loops });
  // One vault for every sealed secret (venue keys, webhook secrets): one key file per process.
  const { vault } = await composeSecrets(env);
  const alerting = composeAlerting(ctx, { store, vault, audit: services.audit });
  // Endpoints added before secrets were sealed: sealed now, before anything sends to them.
  await alerting.webhooks.sealLegacy();
  const { app, backtests, modelRegistry, modelTrainings, venueAccounts, research } = await buildApi(
    ctx,
    {
      store,
      bus,
      engine,
      platform,
      services,
      loops,
      reads,
      models,
      vault,
      webhooks: alerting.webhooks,
      venueProbe: overrides.venueProbe,
      venueFeeds,
      schema: overrides.schema,
      jobs: overrides.jobs,
    },
  );
  accountService = venueAccounts;
  accountClients = new VenueAccountClients({
    accounts: venueAccounts,
    clock: ctx.clock,
    symbols: market.instruments().map((i) => i.symbol),
    urlOverrides: venueUrlOverrides(env),
    timeoutMs: 10_000,
  });

  const notifier = await composeNotifier(ctx, { store, alerting });
  const watcher = composeConditionWatcher(ctx, {
    store,
    engine,
    productStatus: platform.productStatus,
    services,
  });
  let pruneTimer: NodeJS.Timeout | undefined;
  let modelsTimer: NodeJS.Timeout | undefined;
  return {
    ctx,
    app,
    store,
    engine,
    exchange,
    market,
    platform,
    services,
    loops,
    reads,
    controls: services.controls,
    config: services.config,
    models,
    research,
    async start() {
      engine.start();
      await market.start();
      loops.leases.start();
      await loops.leases.tick();
      pruneTimer = pruneStoreEvery(ctx, store, services.config);
      notifier.start();
      watcher.start();
      // A version switched off on another instance reaches this one's strategies within 5 s.
      modelsTimer = setInterval(() => {
        modelRegistry.refresh().catch((err: unknown) => {
          ctx.logger.warn({ err }, 'model registry refresh failed');
        });
      }, 5_000);
      modelsTimer.unref();
    },
    async halt() {
      clearInterval(pruneTimer);
      clearInterval(modelsTimer);
      await watcher.stop();
      await notifier.stop();
      services.config.stop();
      services.controls.stop();
      loops.relay.stop();
      loops.supervisor.close();
      await loops.leases.close();
      await engine.stop();
      await market.dispose();
      await venueFeeds.dispose();
      await platform.productStatus.dispose();
      await platform.revocations.dispose();
    },
    async close() {
      await app.close();
      await backtests.close();
      await modelTrainings.close();
      await research.close();
      await bus.dispose();
      await store.close();
    },
  };
}

/** HOLD decisions past their retention and idempotency keys older than a day. */
function pruneStoreEvery(
  ctx: ProcessContext,
  store: SqlStore,
  config: ConfigService,
): NodeJS.Timeout {
  const { clock } = ctx;
  const timer = setInterval(() => {
    const hours =
      config.get('loop.holdDecisionRetentionHours') ??
      DYNAMIC_CONFIG_CATALOG['loop.holdDecisionRetentionHours'].default;
    void store
      .pruneHoldDecisions({ before: new Date(clock.now() - hours * 3_600_000).toISOString() })
      .catch(() => undefined);
    void store
      .pruneIdempotencyKeys({ before: new Date(clock.now() - 86_400_000).toISOString() })
      .catch(() => undefined);
  }, 600_000);
  timer.unref();
  return timer;
}
