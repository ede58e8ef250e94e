import {
  API_ROUTES,
  AppError,
  type ApiRouteName,
  type Role,
  type RouteAccess,
} from '@bytelyst/trading-contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate, BREAK_GLASS_ID, type AuthOptions } from '../auth/authenticate.js';
import { effectiveRole, type Principal } from '../auth/principal.js';
import { tenantScope, type TenantScope } from '../../ports/store.js';
import type { MobileInterventions } from '../mobile-interventions.js';
import { surfaceOf } from '../client-surface.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RouteContext, RouteHandlers } from './route-context.js';

const NoQuery = z.strictObject({});

/** The role decision of a route (its `access`) against the caller's effective role. */
export function roleAllows(access: RouteAccess, role: Role): boolean {
  switch (access) {
    case 'public':
    case 'user':
      return true;
    case 'tenant_admin':
      return role === 'tenant_admin' || role === 'operator';
    case 'operator':
      return role === 'operator';
  }
}

export interface Guards {
  auth: AuthOptions;
  isTenantDisabled: (tenantId: string) => boolean;
  /** Non-null while the product is in maintenance: user writes are refused with this message. */
  maintenanceMessage: () => string | null;
  /** Requests per user and window, counted once the caller is known. */
  perUser: RateLimiter;
  /** The tenant's mobile policy, applied to the app's requests on `mobileAction` routes. */
  mobile: Pick<MobileInterventions, 'admit'>;
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
    // 202 for work accepted and polled (a queued job); 200 otherwise.
    const status = 'status' in def ? def.status : 200;
    const schema: Record<string, unknown> = {
      summary: def.summary,
      tags: [def.path.split('/')[2] ?? 'health'],
      response: { [status]: def.response },
    };
    if ('params' in def) schema.params = def.params;
    // Routes without a query schema still refuse unknown query keys (e.g. a smuggled tenantId).
    schema.querystring = 'query' in def ? def.query : NoQuery;
    if ('body' in def) schema.body = def.body;
    if (def.access !== 'public') schema.security = [{ bearerAuth: [] }];

    const isPublic = def.access === 'public';
    const access = def.access;
    const userWrite = 'userWrite' in def && def.userWrite === true;
    // Exits, cancels and disabling stay open in maintenance; the engine refuses entries then.
    const exitWrite = 'exitWrite' in def && def.exitWrite === true;
    const serviceCallers = 'serviceCallers' in def && def.serviceCallers === true;
    const isRead = def.method === 'GET';
    const mobileAction = 'mobileAction' in def ? def.mobileAction : undefined;
    const handler = handlers[name] as (ctx: RouteContext<typeof name>) => Promise<unknown>;

    /** Access rules for a known caller; throws the refusal. Runs on every request of the route. */
    const admit = (request: FastifyRequest, principal: Principal): void => {
      // Known before any refusal, so the error handler can audit who was refused.
      request.principal = principal;
      // The break-glass credential opens its own two routes (checked in authenticate).
      if (principal.kind === 'service' && !serviceCallers && principal.userId !== BREAK_GLASS_ID)
        throw new AppError('FORBIDDEN', 'Service tokens are accepted on /internal routes only.');
      if (principal.previewBy !== null && !isRead) throw new AppError('PREVIEW_READ_ONLY');
      if (!roleAllows(access, effectiveRole(principal))) throw new AppError('FORBIDDEN');
      if (principal.kind !== 'service' && guards.isTenantDisabled(principal.tenantId)) {
        throw new AppError('FORBIDDEN', 'Your organisation is disabled.');
      }
      // Operators keep working through maintenance; customers (tenant admins too) wait.
      if (userWrite && !exitWrite && effectiveRole(principal) !== 'operator') {
        const maintenance = guards.maintenanceMessage();
        if (maintenance !== null) throw new AppError('MAINTENANCE', maintenance);
      }
      const limit = guards.perUser.hit(`user:${principal.tenantId}:${principal.userId}`);
      if (!limit.allowed) {
        throw new AppError('RATE_LIMITED', undefined, {
          details: { retryAfterSeconds: limit.retryAfterSeconds },
        });
      }
    };

    typed.route({
      method: def.method,
      url: def.path,
      schema,
      // Authenticate before validation so an anonymous caller learns nothing about the schema.
      // Callback style with a synchronous path: a known token admits the request without a
      // promise, and nothing here allocates a closure per request.
      onRequest: (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
        if (isPublic) return done();
        // A signed-in answer (or its refusal) must not sit in a shared or browser cache.
        void reply.header('cache-control', 'no-store');
        try {
          const p = authenticate(request, guards.auth);
          if (!(p instanceof Promise)) {
            admit(request, p);
            return done();
          }
          p.then((principal) => admit(request, principal)).then(() => done(), done);
        } catch (e) {
          done(e as Error);
        }
      },
      handler: (request, reply) => {
        const principal = request.principal;
        if (!isPublic && !principal) throw new AppError('UNAUTHENTICATED');
        const ctx: RouteContext<typeof name> & { scope?: TenantScope } = {
          request,
          reply,
          params: request.params as never,
          query: request.query as never,
          body: request.body as never,
          requestId: request.id,
          principal,
        };
        if (principal) ctx.scope = tenantScope(principal.tenantId);
        if (status !== 200) void reply.code(status);
        // The app's interventions pass the tenant's mobile policy first (one awaited read).
        if (mobileAction && principal && surfaceOf(request) === 'mobile')
          return guards.mobile
            .admit({ action: mobileAction, principal, request })
            .then(() => handler(ctx));
        return handler(ctx);
      },
    });
  }
}
