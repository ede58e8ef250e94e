import type { BotState } from '@bytelyst/trading-contracts';
import type { FastifyInstance } from 'fastify';
import { LOCAL_DEV_PRINCIPAL } from '../api/auth/authenticate.js';
import { RealtimeGateway } from '../api/realtime/gateway.js';
import type { TradingEngine } from '../engine/index.js';
import { wireEngineEvents } from '../services/engine-events.js';
import type { ProcessContext } from './config.js';
import type { PlatformLinks } from './platform.js';
import type { PortfolioReads } from './portfolio.js';
import type { OperatorServices } from './services.js';
import type { TenantLoops } from './tenant-loops.js';

export interface Realtime {
  readonly gateway: RealtimeGateway;
  /** Stops every push into the gateway (engine events, live valuation, revocations, counters). */
  detach(): void;
  /** Ends the sockets; after `detach`. */
  close(): Promise<void>;
}

/**
 * The Socket.IO gateway on the API's HTTP server, made the services' publisher, fed by the
 * engine's events and the live valuation; signed-out sessions lose their sockets.
 */
export function attachRealtime(
  ctx: ProcessContext,
  parts: {
    app: FastifyInstance;
    engine: TradingEngine;
    platform: PlatformLinks;
    services: OperatorServices;
    loops: TenantLoops;
    reads: PortfolioReads;
  },
): Realtime {
  const { env, logger, metrics, clock } = ctx;
  const { engine, platform, loops, reads } = parts;
  const { controls, publisher } = parts.services;
  const { productStatus, revocations } = platform;
  const gateway = new RealtimeGateway({
    httpServer: parts.app.server,
    verifier: platform.verifier ?? { verify: async () => LOCAL_DEV_PRINCIPAL },
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
  publisher.attach(gateway);
  const unrevoke = revocations.onRevoked((keys) => gateway.endSessions(keys));
  const unwire = wireEngineEvents({
    engine,
    publisher: gateway,
    counters: metrics.trading,
    tenants: loops.held,
    botState: (t): BotState => engine.botState(t),
    markPosition: (p) => reads.books.portfolio.mark(p),
  });
  const stopLive = reads.books
    .live((target, payload) => gateway.toUser(target, 'portfolio', payload), {
      onError: (err) => logger.warn({ err }, 'live revaluation failed'),
      watching: (tenantId) => gateway.presence.users(tenantId),
    })
    .start();

  const countsTimer = setInterval(() => {
    for (const [namespace, n] of Object.entries(gateway.counts()))
      metrics.trading.sockets.set({ namespace }, n);
    const at = productStatus.current().receivedAt;
    if (at !== null) metrics.trading.productStatusAge.set((clock.now() - at) / 1000);
  }, 5000);
  countsTimer.unref();

  return {
    gateway,
    detach() {
      clearInterval(countsTimer);
      unwire();
      stopLive();
      unrevoke();
    },
    async close() {
      publisher.detach();
      await gateway.close();
    },
  };
}
