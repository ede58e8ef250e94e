import { SqlModelVersionStore } from '../adapters/store/repo-model-versions.js';
import type { VenueFeeds } from './venue-feeds.js';
import { marketVenueOf } from '../domain/venues/venue-account.js';
import { CachedCandleStore } from '../adapters/store/cached-candle-store.js';
import { SqlCandleStore } from '../adapters/store/repo-candles.js';
import { SqlBacktestResultStore } from '../adapters/store/repo-backtest-results.js';
import { CcxtCandleSources } from '../adapters/exchange/ccxt/ccxt-candle-source.js';
import { CandleImportService } from '../services/market-data/candle-import-service.js';
import { SimulatedTrainingCandles } from '../adapters/market/training-candles.js';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../adapters/market/instruments.js';
import { modelCardBacktester } from './model-card-backtest.js';
import { ModelRegistry } from '../services/models/model-registry.js';
import { ModelTrainingService } from '../services/models/model-training-service.js';
import { SqlModelTrainingStore } from '../adapters/store/repo-model-trainings.js';
import { WorkerModelTrainer } from './model-trainers.js';
import type { ModelLibrary } from '../services/models/model-library.js';
import { PRODUCT } from '@bytelyst/trading-contracts';
import type { FastifyInstance } from 'fastify';
import type { SqlStore } from '../adapters/store/index.js';
import { buildApp } from '../api/app.js';
import { breakGlassFrom } from '../api/auth/authenticate.js';
import { createReadinessProbe } from '../api/routes/readiness.js';
import type { TradingEngine } from '../engine/index.js';
import type { ChangeBus } from '../ports/change-bus.js';
import { BacktestService } from '../services/backtest/backtest-service.js';
import { VenueAccountService } from '../services/venue-accounts/venue-account-service.js';
import { CcxtAccountProbe } from '../adapters/exchange/ccxt/ccxt-account-probe.js';
import { SqlVenueAccountStore } from '../adapters/store/repo-venue-accounts.js';
import type { VenueAccountProbe } from '../ports/venue-accounts.js';
import type { SecretVault } from '../services/secrets/secret-vault.js';
import type { WebhookService } from '../services/alerts/webhook-service.js';
import { composeResearch, type JobOverrides, type Research } from './research.js';
import type { ProcessContext } from './config.js';
import type { PlatformLinks } from './platform.js';
import type { PortfolioReads } from './portfolio.js';
import type { OperatorServices } from './services.js';
import type { TenantLoops } from './tenant-loops.js';
import { venueUrlOverrides } from './venue-feeds.js';

export interface ApiParts {
  store: SqlStore;
  bus: ChangeBus;
  engine: TradingEngine;
  platform: PlatformLinks;
  services: OperatorServices;
  loops: TenantLoops;
  reads: PortfolioReads;
  models: ModelLibrary;
  /** The process's one vault (venue keys, webhook secrets). */
  vault: SecretVault;
  webhooks: WebhookService;
  /** Checks venue keys on connect; default: ccxt. */
  venueProbe?: VenueAccountProbe | undefined;
  /** The venues' public market data (charts of a venue account's market); none: simulated only. */
  venueFeeds?: VenueFeeds | undefined;
  /** The store's schema (the job queue's sits beside it). */
  schema?: string | undefined;
  jobs?: JobOverrides | undefined;
}

/**
 * The HTTP API with every route, not listening and without sockets: services publish through
 * the deferred publisher, so tests drive this through `fastify.inject` and `startBackend` adds
 * the socket gateway and listens. Also starts the backtest service its routes use.
 */
export async function buildApi(
  ctx: ProcessContext,
  parts: ApiParts,
): Promise<{
  app: FastifyInstance;
  backtests: BacktestService;
  modelRegistry: ModelRegistry;
  modelTrainings: ModelTrainingService;
  venueAccounts: VenueAccountService;
  research: Research;
}> {
  const { env, logger, instanceId, clock, staleMs } = ctx;
  const { store, engine, platform, loops, reads } = parts;
  const { audit, controls, config, flags } = parts.services;
  const readiness = createReadinessProbe({
    store,
    engine,
    productStatus: platform.productStatus,
    now: () => clock.now(),
    statusMaxAgeMs: env.PLATFORM_STATUS_MAX_AGE_MS,
    staleMarketDataMs: staleMs,
    loopStaleMs: 120_000,
    version: PRODUCT.version,
    ownsLoops: () => loops.held().length > 0,
    // A lease row not beaten for 10 s belongs to no live instance (the lease's staleness bound).
    tenantsWithoutLoop: () => store.tenantsWithoutLoop(10_000),
  });

  const candles = new CachedCandleStore(new SqlCandleStore(store.sql), {
    maxBytes: env.CANDLE_CACHE_MB * 1_048_576,
  });
  const localVenue = venueUrlOverrides(env);
  const marketData = new CandleImportService({
    store: candles,
    venues: new CcxtCandleSources({ urlOverrides: localVenue, timeoutMs: 10_000 }),
  });
  const backtests = new BacktestService({
    logger,
    store,
    results: new SqlBacktestResultStore(store.sql),
    instanceId,
    candles,
    models: parts.models,
  });
  await backtests.start();
  const research = await composeResearch(ctx, {
    store,
    candles,
    schema: parts.schema,
    overrides: parts.jobs,
  });
  const { vault } = parts;
  const venueAccounts = new VenueAccountService({
    store: new SqlVenueAccountStore(store.sql),
    vault,
    probe:
      parts.venueProbe ??
      new CcxtAccountProbe({
        timeoutMs: 10_000,
        urlOverrides: localVenue,
      }),
    audit,
    clock,
  });
  const simulatedCandles = new SimulatedTrainingCandles({
    seed: env.MARKET_SEED,
    instruments: DEFAULT_SIM_INSTRUMENTS,
  });
  const modelRegistry = new ModelRegistry({
    store: new SqlModelVersionStore(store.sql),
    candles: simulatedCandles,
    library: parts.models,
    audit,
    clock,
    cardBacktest: modelCardBacktester(DEFAULT_SIM_INSTRUMENTS.map(toContractInstrument)),
  });
  await modelRegistry.refresh();
  // Training jobs ride the research queue (pg-boss beside the store, or in process over PGlite).
  const modelTrainings = new ModelTrainingService({
    store: new SqlModelTrainingStore(store.sql),
    queue: research.queue,
    trainer: new WorkerModelTrainer(),
    registry: modelRegistry,
    simulated: simulatedCandles,
    candles,
    clock,
    logger,
    instanceId,
  });
  await modelTrainings.start();
  const app = await buildApp({
    deps: {
      store,
      profiles: reads.profiles,
      positions: reads.positions,
      portfolio: reads.books.portfolio,
      equitySeries: reads.books.equitySeries,
      analytics: reads.books.analytics,
      backtests,
      searches: research.searches,
      marketData,
      engine: loops.apiEngine,
      controls,
      config,
      flags,
      audit,
      productStatus: platform.productStatus,
      readiness,
      logger,
      version: PRODUCT.version,
      bus: parts.bus,
      venueAccounts,
      venueMarket: async (account) => {
        const venue = marketVenueOf(account);
        return venue && parts.venueFeeds
          ? parts.venueFeeds.feedFor(venue.venueId, venue.sandbox)
          : null;
      },
      webhooks: parts.webhooks,
      alerts: parts.services.alerts,
      models: parts.models,
      modelRegistry,
      modelTrainings,
      publisher: parts.services.publisher,
    },
    logger,
    verifier: platform.verifier,
    breakGlass: breakGlassFrom(env.BREAK_GLASS_TOKEN),
    corsOrigins: env.CORS_ALLOWED_ORIGINS,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    metrics: ctx.metrics,
    isTenantDisabled: (t) => controls.current().disabledTenants.has(t),
    isRevoked: (key) => platform.revocations.isRevoked(key),
    metricsToken: env.METRICS_TOKEN,
    production: env.NODE_ENV === 'production',
  });
  return { app, backtests, modelRegistry, modelTrainings, venueAccounts, research };
}
