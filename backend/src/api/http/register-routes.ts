import { API_ROUTES, AppError, type ApiRouteName } from '@bytelyst/trading-contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate, type AuthOptions } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { tenantScope } from '../../ports/store.js';
import type { RateLimiter } from './rate-limiter.js';
import type { AuthedContext, RouteContext, RouteHandlers } from './route-context.js';

const NoQuery = z.strictObject({});

export interface Guards {
  auth: AuthOptions;
  isTenantDisabled: (tenantId: string) => boolean;
  /** Non-null while the product is in maintenance: user writes are refused with this message. */
  maintenanceMessage: () => string | null;
  /** Requests per user and window, counted once the caller is known. */
  perUser: RateLimiter;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * Registers every route of the contract table: its schemas validate inputs and the response,
 * and access rules (auth, role, tenant disabled, maintenance) run before the handler. A handler
 * is one call into the application; it never re-checks access.
 */
export function registerApiRoutes(
  app: FastifyInstance,
  handlers: RouteHandlers,
  guards: Guards,
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  app.decorateRequest('principal', null);
  for (const name of Object.keys(API_ROUTES) as ApiRouteName[]) {
    const def = API_ROUTES[name];
    const schema: Record<string, unknown> = {
      summary: def.summary,
      tags: [def.path.split('/')[2] ?? 'health'],
      response: { 200: def.response },
    };
    if ('params' in def) schema.params = def.params;
    // Routes without a query schema still refuse unknown query keys (e.g. a smuggled tenantId).
    schema.querystring = 'query' in def ? def.query : NoQuery;
    if ('body' in def) schema.body = def.body;
    if (def.access !== 'public') schema.security = [{ bearerAuth: [] }];

    typed.route({
      method: def.method,
      url: def.path,
      schema,
      // Authenticate before validation so an anonymous caller learns nothing about the schema.
      // Callback style with a synchronous path: a known token admits the request without a promise.
      onRequest: (request: FastifyRequest, _reply: unknown, done: (err?: Error) => void) => {
        if (def.access === 'public') return done();
        const admit = (principal: Principal): void => {
          if (def.access === 'admin' && principal.role !== 'admin') throw new AppError('FORBIDDEN');
          if (guards.isTenantDisabled(principal.tenantId) && principal.kind !== 'service') {
            throw new AppError('FORBIDDEN', 'Your organisation is disabled.');
          }
          const maintenance = guards.maintenanceMessage();
          if (
            'userWrite' in def &&
            def.userWrite &&
            maintenance !== null &&
            principal.role !== 'admin'
          ) {
            throw new AppError('MAINTENANCE', maintenance);
          }
          const limit = guards.perUser.hit(`user:${principal.tenantId}:${principal.userId}`);
          if (!limit.allowed) {
            throw new AppError('RATE_LIMITED', undefined, {
              details: { retryAfterSeconds: limit.retryAfterSeconds },
            });
          }
          request.principal = principal;
        };
        try {
          const p = authenticate(request, guards.auth);
          if (!(p instanceof Promise)) return (admit(p), done());
          p.then(admit).then(() => done(), done);
        } catch (e) {
          done(e as Error);
        }
      },
      handler: async (request, reply) => {
        const base: RouteContext<typeof name> = {
          request,
          reply,
          params: request.params as never,
          query: request.query as never,
          body: request.body as never,
          requestId: request.id,
          principal: request.principal,
        };
        const handler = handlers[name] as (
          ctx: RouteContext<typeof name> | AuthedContext<typeof name>,
        ) => Promise<unknown>;
        if (def.access === 'public') return handler(base);
        const principal = request.principal;
        if (!principal) throw new AppError('UNAUTHENTICATED');
        return handler({ ...base, principal, scope: tenantScope(principal.tenantId) });
      },
    });
  }
}
