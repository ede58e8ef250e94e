import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { AppError, RequestId } from '@bytelyst/trading-contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Platform } from './services/platform.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerAuthRoutes, type AuthRateLimits } from './routes/auth-routes.js';
import { registerErrorHandling } from './routes/errors.js';
import { registerDevRoutes, registerHealthRoutes } from './routes/health-routes.js';
import { registerProductRoutes } from './routes/product-routes.js';
import { registerTelemetryRoutes } from './routes/telemetry-routes.js';
import { registerWellKnownRoutes } from './routes/well-known-routes.js';

export interface AppOptions {
  platform: Platform;
  logLevel?: string;
  corsOrigins?: string[];
  /** `GET /dev/mailbox`; never in production. */
  devRoutes?: boolean;
  rateLimits?: Partial<AuthRateLimits & { telemetryPerMinute: number }>;
  sseHeartbeatMs?: number;
}

const DEFAULT_LIMITS = {
  loginPerMinute: 30,
  refreshPerMinute: 120,
  resetPerMinute: 10,
  telemetryPerMinute: 120,
};

/** The HTTP app over a ready Platform; `inject` tests build it without opening a port. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const limits = { ...DEFAULT_LIMITS, ...opts.rateLimits };
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? 'info',
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    // A caller's id is kept only if it is safe to log and echo; otherwise one is minted.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && RequestId.safeParse(given).success ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 64 * 1024,
    trustProxy: false,
    // SSE streams and idle keep-alive sockets would otherwise hold shutdown open for minutes;
    // clients of this service reconnect (SDK backoff), so cutting them is the lesser harm.
    forceCloseConnections: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
    // Anything answered to a bearer (or about credentials) stays out of shared and browser caches.
    if (req.headers.authorization || req.url.startsWith('/auth/'))
      void reply.header('cache-control', 'no-store');
  });
  const routes: { method: string; path: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, path: r.url });
  });
  registerErrorHandling(app, { security: opts.platform.security, routes });

  // The API is called from other origins (web dev server, mobile); CORS decides who may read.
  await app.register(helmet, {
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(cors, {
    origin: opts.corsOrigins ?? [],
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('RATE_LIMITED', undefined, {
        details: { retryAfterSeconds: Math.max(1, Math.ceil(ctx.ttl / 1000)) },
      }),
  });

  const { platform } = opts;
  registerHealthRoutes(app, platform);
  registerWellKnownRoutes(app, platform);
  registerAuthRoutes(app, { platform, limits });
  registerProductRoutes(app, { platform, heartbeatMs: opts.sseHeartbeatMs ?? 15_000 });
  registerTelemetryRoutes(app, { platform, perMinute: limits.telemetryPerMinute });
  registerAdminRoutes(app, platform);
  if (opts.devRoutes) registerDevRoutes(app, platform);
  return app;
}
