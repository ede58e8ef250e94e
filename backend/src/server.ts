import { hostname } from 'node:os';
import { PRODUCT, type BotState } from '@bytelyst/trading-contracts';
import pino, { type Logger } from 'pino';
import { DurableChangeBus } from './adapters/bus/durable-change-bus.js';
import { RedisChangeBus } from './adapters/bus/redis-change-bus.js';
import type { PaperExchange } from './adapters/exchange/paper/paper-exchange.js';
import { PlatformStatusClient } from './adapters/platform/platform-status-client.js';
import { PlatformRevocationFeed } from './adapters/platform/revocation-feed.js';
import { noRevocations, type RevocationSource } from './ports/revocations.js';
import { createLeaseManager, createStore, SqlStore } from './adapters/store/index.js';
import { buildApp } from './api/app.js';
import { LOCAL_DEV_PRINCIPAL, breakGlassFrom } from './api/auth/authenticate.js';
import { createTokenVerifier } from './api/auth/token-verifier.js';
import { createMetrics } from './api/metrics.js';
import { RealtimeGateway } from './api/realtime/gateway.js';
import { createReadinessProbe } from './api/routes/readiness.js';
import { createTradingEngine } from './engine/index.js';
import type { BackendEnv } from './env.js';
import type { ChangeBus } from './ports/change-bus.js';
import { systemClock, type Clock } from './ports/clock.js';
import type { ProductStatusSource } from './ports/product-status-source.js';
import { AuditService } from './services/audit-service.js';
import { TenantSupervisor } from './services/tenant-supervisor.js';
import { ConfigService } from './services/config-service.js';
import { ControlsService } from './services/controls-service.js';
import { seedDemo } from './services/demo-seed.js';
import { FlagsService } from './services/flags-service.js';
import { wireEngineEvents } from './services/engine-events.js';
import { ProfileSync } from './services/profile-sync.js';
import { CommandRelay } from './api/routing/command-relay.js';
import { anyTenantEngine } from './api/routing/any-tenant-engine.js';
import { ProfileDirectory } from './services/profile-directory.js';
import { PositionsView } from './services/positions-view.js';
import { createPortfolio } from './services/portfolio/index.js';
import { BacktestService } from './services/backtest/backtest-service.js';
import { verifierConfigFrom } from './verifier-config.js';
import { DeferredPublisher } from './compose/deferred-publisher.js';
import { composeMarket, executionFor } from './compose/venue.js';

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
}

export interface RunningBackend {
  url: string;
  port: number;
  instanceId: string;
  stop(): Promise<void>;
  /** Internals for tests and tools. */
  parts: {
    store: SqlStore;
    engine: ReturnType<typeof createTradingEngine>;
    controls: ControlsService;
    config: ConfigService;
    gateway: RealtimeGateway;
    exchange: PaperExchange;
    leases: ReturnType<typeof createLeaseManager>;
    /** Tests freeze prices (dispose) to read books that cannot move. */
    market: { dispose(): Promise<void> };
  };
}

/**
 * The composition root: configuration in, adapters chosen, services wired, server listening.
 * `main.ts` calls it with the process env; tests call it to run real instances in-process.
 */
export async function startBackend(
  env: BackendEnv,
  o: BackendOverrides = {},
): Promise<RunningBackend> {
  const instanceId = env.INSTANCE_ID ?? `${hostname()}-${process.pid}`;
  const logger =
    o.logger ??
    pino({ level: env.LOG_LEVEL, base: { service: 'trading-backend', instance: instanceId } });
  const clock = o.clock ?? systemClock;
  const metrics = createMetrics();

  const store = await createStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    schema: o.schema,
    logger,
  });
  if (!(store instanceof SqlStore)) throw new Error('unexpected store type');

  const tickMs = env.MARKET_TICK_MS;
  const staleMs = o.staleMarketDataMs ?? Math.max(15_000, tickMs * 5);
  const { market, exchange } = composeMarket(env, {
    clock,
    store,
    ...(o.exchange ? { exchange: o.exchange } : {}),
  });

  const engine = createTradingEngine({
    clock,
    market,
    execution: executionFor(env, {
      paper: exchange,
      clock,
      symbols: market.instruments().map((i) => i.symbol),
      instanceId,
    }),
    journal: store.journal,
    instanceId,
    logger: logger.child({ component: 'engine' }),
    config: {
      productMaxAgeMs: env.PLATFORM_STATUS_MAX_AGE_MS,
      marketStaleMs: staleMs,
      persistHoldDecisions: true,
      equitySnapshotEveryMs: 60_000,
    },
  });

  // The database's LISTEN/NOTIFY carries every change; Redis, when configured, is a fast path.
  const fastBus = env.REDIS_URL
    ? new RedisChangeBus({ url: env.REDIS_URL, logger, channel: `${env.REDIS_PREFIX}:changes` })
    : null;
  await fastBus?.ready();
  const durableBus = new DurableChangeBus({ store, fast: fastBus, logger });
  await durableBus.start();
  const bus: ChangeBus = durableBus;

  const productStatus =
    o.productStatus ??
    new PlatformStatusClient({
      baseUrl: env.PLATFORM_API_URL,
      productId: PRODUCT.productId,
      pollMs: env.PLATFORM_STATUS_POLL_MS,
      clock,
      logger,
    });

  const verifierConfig = verifierConfigFrom(env);
  const verifier = verifierConfig
    ? await createTokenVerifier(verifierConfig, {
        store,
        maxStaleMs: env.PLATFORM_JWKS_MAX_STALE_MS,
        onError: (err, what) => logger.warn({ err }, `${what} failed; keeping the last good keys`),
      })
    : null;
  if (!verifier) logger.warn('PLATFORM_AUTH_ENABLED=false: every request acts as the local admin');
  // Signed-out sessions are learnt from the platform's feed in the background (never per request).
  const revocations: RevocationSource =
    o.revocations ??
    (verifier
      ? new PlatformRevocationFeed({
          baseUrl: env.PLATFORM_API_URL,
          pollMs: env.PLATFORM_REVOCATION_POLL_MS,
          logger,
        })
      : noRevocations);
  revocations.start();

  // Services are built before the gateway exists; the gateway is their publisher once listening.
  const pub = new DeferredPublisher();
  const audit = new AuditService({ store, publisher: pub });
  const controls = new ControlsService({
    store,
    audit,
    publisher: pub,
    bus,
    productStatus: () => productStatus.current().status,
    logger,
  });
  const config = new ConfigService({
    store,
    audit,
    publisher: pub,
    bus,
    logger,
    refreshMs: env.DYNAMIC_CONFIG_REFRESH_MS,
  });
  const flags = new FlagsService({ env, config });

  if (env.DEMO_SEED) {
    const created = await seedDemo(store, new Set(market.instruments().map((i) => i.symbol)));
    if (created) logger.info({ created }, 'demo profiles seeded');
  }
  await config.refresh();
  config.start();

  const layers = await controls.reload();
  engine.setControls({ global: layers.global, tenants: layers.tenants, profiles: layers.profiles });
  controls.start();
  controls.onChange((l) => {
    engine.setControls({ global: l.global, tenants: l.tenants, profiles: l.profiles });
    for (const t of l.disabledTenants) {
      pub.disconnectTenant(t);
      void leases.release(t).then(() => engine.stopTenant(t));
    }
  });
  productStatus.onUpdate((snap, changed) => {
    engine.setControls({ product: snap.status, productReceivedAt: snap.receivedAt });
    if (changed && snap.status) pub.toPublic('product_status', snap.status);
  });
  productStatus.start();

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
    schema: o.schema,
    intervalMs: o.leaseIntervalMs ?? 3000,
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
  const profiles = new ProfileDirectory({ store, bus });
  const positions = new PositionsView({ store, owns: (t) => leases.epochOf(t) !== null });
  engine.events.on('event', (e) => positions.onEngineEvent(e));
  const books = createPortfolio({
    store,
    events: engine.events,
    positions,
    instruments: market.instruments(),
    prices: engine.prices(),
    owns: (t) => leases.epochOf(t) !== null,
    owned: () => leases.held().map((l) => l.tenantId),
    profiles: (t) => profiles.profiles(t),
    now: () => clock.now(),
    staleAfterMs: staleMs,
    settledBooks: (t) => engine.books(t).settled(),
  });
  leases.onLost((tenantId, reason) => {
    positions.drop(tenantId);
    books.portfolio.drop(tenantId);
    logger.warn({ tenantId, reason }, 'loop lease lost; stopping the tenant loop');
    metrics.trading.leases.set(leases.held().length);
    void engine.stopTenant(tenantId);
  });

  // Any instance serves any tenant: orders for a tenant whose loop runs elsewhere go to its owner.
  const relay = new CommandRelay({
    store,
    bus,
    engine,
    instanceId,
    held: () => leases.held().map((l) => l.tenantId),
    logger: logger.child({ component: 'commands' }),
  });
  relay.start();
  const apiEngine = anyTenantEngine(engine, {
    relay,
    runsHere: (t) => leases.epochOf(t) !== null,
  });

  const profileSync = new ProfileSync({ store, engine });
  bus.subscribe((topic) => {
    if (topic !== 'profiles') return;
    profileSync
      .sync(leases.held().map((l) => l.tenantId))
      .catch((err: unknown) => logger.warn({ err }, 'profile sync failed'));
  });

  const readiness = createReadinessProbe({
    store,
    engine,
    productStatus,
    now: () => clock.now(),
    statusMaxAgeMs: env.PLATFORM_STATUS_MAX_AGE_MS,
    staleMarketDataMs: staleMs,
    loopStaleMs: 120_000,
    version: PRODUCT.version,
    ownsLoops: () => leases.held().length > 0,
    // A lease row not beaten for 10 s belongs to no live instance (the lease's staleness bound).
    tenantsWithoutLoop: () => store.tenantsWithoutLoop(10_000),
  });

  const backtests = new BacktestService({ logger, store, instanceId });
  await backtests.start();
  const app = await buildApp({
    deps: {
      store,
      profiles,
      positions,
      portfolio: books.portfolio,
      equitySeries: books.equitySeries,
      analytics: books.analytics,
      backtests,
      engine: apiEngine,
      controls,
      config,
      flags,
      audit,
      productStatus,
      readiness,
      logger,
      version: PRODUCT.version,
      bus,
    },
    logger,
    verifier,
    breakGlass: breakGlassFrom(env.BREAK_GLASS_TOKEN),
    corsOrigins: env.CORS_ALLOWED_ORIGINS,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    metrics,
    isTenantDisabled: (t) => controls.current().disabledTenants.has(t),
    isRevoked: (key) => revocations.isRevoked(key),
    metricsToken: env.METRICS_TOKEN,
    production: env.NODE_ENV === 'production',
  });

  const gateway = new RealtimeGateway({
    httpServer: app.server,
    verifier: verifier ?? { verify: async () => LOCAL_DEV_PRINCIPAL },
    logger,
    corsOrigins: env.CORS_ALLOWED_ORIGINS,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.REDIS_PREFIX,
    isTenantDisabled: (t) => controls.current().disabledTenants.has(t),
    isRevoked: (key) => revocations.isRevoked(key),
    validateOutgoing: env.NODE_ENV !== 'production',
    onTradingJoin: (socket, p) => socket.emit('bot_state', engine.botState(p.tenantId)),
    onPublicJoin: (socket) => {
      const s = productStatus.current().status;
      if (s) socket.emit('product_status', s);
    },
  });
  pub.attach(gateway);
  const unrevoke = revocations.onRevoked((keys) => gateway.endSessions(keys));
  const unwire = wireEngineEvents({
    engine,
    publisher: gateway,
    counters: metrics.trading,
    tenants: () => leases.held().map((l) => l.tenantId),
    botState: (t): BotState => engine.botState(t),
    markPosition: (p) => books.portfolio.mark(p),
  });
  const stopLive = books
    .live(
      (target, payload) => gateway.toUser(target, 'portfolio', payload),
      (err) => logger.warn({ err }, 'live revaluation failed'),
    )
    .start();

  engine.start();
  await market.start();
  leases.start();
  await leases.tick();

  const metricsTimer = setInterval(() => {
    for (const [namespace, n] of Object.entries(gateway.counts()))
      metrics.trading.sockets.set({ namespace }, n);
    const at = productStatus.current().receivedAt;
    if (at !== null) metrics.trading.productStatusAge.set((clock.now() - at) / 1000);
  }, 5000);
  metricsTimer.unref();

  const pruneTimer = setInterval(() => {
    const hours = config.get('loop.holdDecisionRetentionHours') ?? 24;
    void store
      .pruneHoldDecisions({ before: new Date(clock.now() - hours * 3_600_000).toISOString() })
      .catch(() => undefined);
    void store
      .pruneIdempotencyKeys({ before: new Date(clock.now() - 86_400_000).toISOString() })
      .catch(() => undefined);
  }, 600_000);
  pruneTimer.unref();

  await app.listen({ host: env.HOST, port: env.PORT });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  logger.info(
    { port, driver: store.driver, redis: Boolean(env.REDIS_URL) },
    'trading backend listening',
  );

  let stopped = false;
  return {
    url: `http://${env.HOST}:${port}`,
    port,
    instanceId,
    parts: { store, engine, controls, config, gateway, exchange, leases, market },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(pruneTimer);
      clearInterval(metricsTimer);
      unwire();
      stopLive();
      config.stop();
      controls.stop();
      relay.stop();
      supervisor.close();
      await leases.close();
      await engine.stop();
      await market.dispose();
      await productStatus.dispose();
      unrevoke();
      await revocations.dispose();
      await gateway.close();
      await app.close();
      await backtests.close();
      await bus.dispose();
      await store.close();
    },
  };
}
