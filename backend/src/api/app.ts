import compress from '@fastify/compress';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  allowedMethods,
  API_ROUTES,
  AppError,
  CLIENT_DEVICE_HEADER,
  CLIENT_SURFACE_HEADER,
  PRODUCT,
  REQUEST_ID_HEADER,
} from '@bytelyst/trading-contracts';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { BreakGlass } from './auth/authenticate.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import { sendError, toAppError } from './errors.js';
import { SecurityAudit } from './security-audit.js';
import type { HttpMetrics } from './metrics.js';
import { registerApiRoutes } from './http/register-routes.js';
import { RateLimiter } from './http/rate-limiter.js';
import { responseSerializer } from './http/response-serializer.js';
import { securityHeaders } from './http/security-headers.js';
import { etagHook } from './http/etag.js';
import { requestIdFor } from './request-id.js';
import { adminRoutes } from './routes/admin-routes.js';
import { backtestRoutes } from './routes/backtest-routes.js';
import { researchRoutes } from './routes/research-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import type { ApiDeps } from './routes/deps.js';
import { historyRoutes } from './routes/history-routes.js';
import { alertRoutes } from './routes/alert-routes.js';
import { notificationRoutes } from './routes/notification-routes.js';
import { portfolioRoutes } from './routes/portfolio-routes.js';
import { orderRoutes } from './routes/order-routes.js';
import { blockRoutes } from './routes/block-routes.js';
import { venueAccountRoutes } from './routes/venue-account-routes.js';
import { modelRoutes } from './routes/model-routes.js';
import { mobilePolicyRoutes } from './routes/mobile-policy-routes.js';
import { promotionRoutes } from './routes/promotion-routes.js';
import { MobileInterventions } from './mobile-interventions.js';
import { marketDataRoutes } from './routes/market-data-routes.js';
import { profileRoutes } from './routes/profile-routes.js';
import { systemRoutes } from './routes/system-routes.js';

export interface AppOptions {
  deps: ApiDeps;
  logger: Logger;
  /** null = auth switched off (refused in production by env validation). */
  verifier: TokenVerifier | null;
  /** BREAK_GLASS_TOKEN, digested (authenticate.ts). */
  breakGlass?: BreakGlass | null;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  bodyLimitBytes: number;
  metrics: { registry: Registry; http: HttpMetrics };
  isTenantDisabled: (tenantId: string) => boolean;
  /** Sessions the platform revoked (its feed, pulled in the background); none when omitted. */
  isRevoked?: (sessionKey: string) => boolean;
  /** Bearer for /metrics (METRICS_TOKEN); without it, loopback callers only (none in production). */
  metricsToken?: string | undefined;
  production?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const METRICS_ROUTE = { method: 'GET', path: '/metrics' };
const API_ROUTE_LIST = Object.values(API_ROUTES);
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The HTTP application, without listening: tests drive it through `inject`, main.ts listens.
 * Plugins in layers: security and limits first, then docs, then the contract's routes.
 */
export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's own Logger type and Fastify's bundled copy differ only nominally.
    loggerInstance: o.logger as unknown as FastifyBaseLogger,
    genReqId: requestIdFor,
    bodyLimit: o.bodyLimitBytes,
    trustProxy: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer);
  const refusals = new SecurityAudit(o.deps.audit);
  app.addHook('onClose', async () => refusals.close());
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    void refusals.refused(request, appError);
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => {
    const allow = allowedMethods(request.url, [...API_ROUTE_LIST, METRICS_ROUTE]);
    if (allow.length === 0)
      return sendError(request, reply, new AppError('NOT_FOUND', 'No such route.'));
    void reply.header('allow', allow.join(', '));
    return sendError(
      request,
      reply,
      new AppError('METHOD_NOT_ALLOWED', `This route answers ${allow.join(', ')}.`),
    );
  });

  // Every request: the request id and the security headers, then the per-IP limit. Callback
  // style, because an async hook costs a promise per request and this runs on all of them.
  // This server answers JSON (and the /docs page), never the web app's documents, so only the
  // headers that protect an API response are sent; the document-only ones (COOP, Origin-Agent-
  // Cluster, DNS prefetch, the legacy IE/Flash/XSS-auditor headers) belong to the web's host.
  const security = securityHeaders({
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  const perIp = new RateLimiter({ max: o.rateLimitPerMinute * 2, windowMs: 60_000 });
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id).headers(security);
    const verdict = perIp.hit(`ip:${request.ip}`);
    if (verdict.allowed) return done();
    done(
      new AppError('RATE_LIMITED', undefined, {
        details: { retryAfterSeconds: verdict.retryAfterSeconds },
      }),
    );
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    o.metrics.http.observe({
      method: request.method,
      route,
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    });
    done();
  });
  // Conditional GETs first, then compression (hooks run in the order they are added): a 304 has
  // no body to compress, and the tag is over the JSON whatever the encoding.
  app.addHook('onSend', etagHook);
  await app.register(compress, {
    global: true,
    threshold: 1024,
    // gzip only: brotli at its default quality costs far more CPU per answer than it saves on
    // JSON of a few KB; every browser and React Native's fetch accept gzip.
    encodings: ['gzip', 'deflate'],
  });
  await app.register(cors, {
    origin: o.corsOrigins.length ? o.corsOrigins : false,
    credentials: true,
    // @fastify/cors allows only GET/HEAD/POST by default; browsers preflight PUT/PATCH/DELETE.
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: [REQUEST_ID_HEADER, 'retry-after', 'idempotent-replayed', 'etag'],
    allowedHeaders: [
      'authorization',
      'content-type',
      REQUEST_ID_HEADER,
      'idempotency-key',
      'x-preview-as',
      CLIENT_SURFACE_HEADER,
      CLIENT_DEVICE_HEADER,
      'if-none-match',
    ],
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: `${PRODUCT.displayName} API`,
        version: PRODUCT.version,
        description: PRODUCT.description,
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // Not public: the figures describe tenants' activity. With METRICS_TOKEN the scraper sends it
  // as a bearer; without one only a caller on this host may read (production without a token:
  // nobody). The bind-separately alternative is in docs/OPERATIONS.md.
  const metricsToken = o.metricsToken ? digest(o.metricsToken) : null;
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    const auth = req.headers.authorization ?? '';
    const allowed = metricsToken
      ? auth.startsWith('Bearer ') && timingSafeEqual(digest(auth.slice(7)), metricsToken)
      : !o.production && LOOPBACK.has(req.ip);
    if (!allowed) throw new AppError('NOT_FOUND', 'No such route.');
    void reply.header('content-type', o.metrics.registry.contentType);
    void reply.header('cache-control', 'no-store');
    return o.metrics.registry.metrics();
  });

  // A candle CSV upload is handed to its route unread (no body limit here: the import bounds
  // it), so a file of hundreds of megabytes is parsed as it arrives, never buffered whole.
  app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));

  registerApiRoutes(
    app,
    {
      ...systemRoutes(o.deps),
      ...profileRoutes(o.deps),
      ...historyRoutes(o.deps),
      ...alertRoutes(o.deps),
      ...notificationRoutes(o.deps),
      ...portfolioRoutes(o.deps),
      ...orderRoutes(o.deps),
      ...blockRoutes(o.deps),
      ...venueAccountRoutes(o.deps),
      ...modelRoutes(o.deps),
      ...adminRoutes(o.deps),
      ...mobilePolicyRoutes(o.deps),
      ...promotionRoutes(o.deps),
      ...catalogRoutes(o.deps),
      ...backtestRoutes(o.deps),
      ...researchRoutes(o.deps),
      ...marketDataRoutes(o.deps),
    },
    {
      auth: {
        verifier: o.verifier,
        breakGlass: o.breakGlass ?? null,
        isRevoked: o.isRevoked ?? (() => false),
        isTenantUser: async (tenantId, userId) =>
          (await o.deps.profiles.profiles(tenantId)).some((p) => p.userId === userId),
      },
      isTenantDisabled: o.isTenantDisabled,
      // Per user once authenticated (the per-IP limit above applies to every request).
      perUser: new RateLimiter({ max: o.rateLimitPerMinute, windowMs: 60_000 }),
      mobile: new MobileInterventions({ store: o.deps.store, profiles: o.deps.profiles }),
      maintenanceMessage: () => {
        const s = o.deps.productStatus.current().status;
        return s?.maintenance.active
          ? (s.maintenance.message ?? 'The product is in maintenance.')
          : null;
      },
    },
  );
  return app;
}
