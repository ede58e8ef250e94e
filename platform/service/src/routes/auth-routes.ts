import {
  AcceptedResponse,
  LoginBody,
  LogoutBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  MAX_TOKEN_LIFETIME_S,
  RefreshBody,
  RevocationsQuery,
  RevocationsResponse,
  ServiceTokenBody,
  ServiceTokenResponse,
  SessionsResponse,
  TokenPair,
} from '@bytelyst/trading-contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../services/platform.js';
import { hashToken } from '../services/tokens.js';
import { optionalPrincipal, requireUser } from './guard.js';

export interface AuthRateLimits {
  loginPerMinute: number;
  refreshPerMinute: number;
  resetPerMinute: number;
}

const limit = (max: number) => ({ rateLimit: { max, timeWindow: 60_000 } });

export function registerAuthRoutes(
  app: FastifyInstance,
  opts: { platform: Platform; limits: AuthRateLimits },
): void {
  const { platform, limits } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const noStore = { 'cache-control': 'no-store' };

  r.post(
    '/auth/login',
    {
      schema: { body: LoginBody, response: { 200: TokenPair } },
      config: limit(limits.loginPerMinute),
    },
    async (req, reply) => {
      const pair = await platform.auth.login({
        ...req.body,
        source: req.ip,
        requestId: req.id,
        userAgent: req.headers['user-agent'] ?? null,
      });
      return reply.headers(noStore).send(pair);
    },
  );

  r.post(
    '/auth/refresh',
    {
      schema: { body: RefreshBody, response: { 200: TokenPair } },
      config: limit(limits.refreshPerMinute),
    },
    async (req, reply) => {
      const pair = await platform.auth.refresh({ ...req.body, requestId: req.id });
      return reply.headers(noStore).send(pair);
    },
  );

  r.post('/auth/logout', { schema: { body: LogoutBody.optional() } }, async (req, reply) => {
    // An expired access token must not stop a sign-out: the refresh token alone is enough.
    const principal = await optionalPrincipal(platform, req).catch(() => null);
    await platform.auth.logout({
      refreshToken: req.body?.refreshToken,
      sid: principal?.kind === 'user' ? principal.claims.sid : undefined,
    });
    return reply.status(204).send();
  });

  r.post(
    '/auth/password-reset/request',
    {
      schema: { body: PasswordResetRequestBody, response: { 202: AcceptedResponse } },
      config: limit(limits.resetPerMinute),
    },
    async (req, reply) => {
      platform.resets.requestInBackground({ email: req.body.email, requestId: req.id }, req.log);
      return reply.status(202).send({ accepted: true });
    },
  );

  r.post(
    '/auth/password-reset/confirm',
    { schema: { body: PasswordResetConfirmBody }, config: limit(limits.resetPerMinute) },
    async (req, reply) => {
      await platform.resets.confirm({ ...req.body, requestId: req.id });
      return reply.status(204).send();
    },
  );

  r.get('/auth/sessions', { schema: { response: { 200: SessionsResponse } } }, async (req) => {
    const { claims } = await requireUser(platform, req);
    return {
      sessions: await platform.auth.listSessions({ userId: claims.sub, currentSid: claims.sid }),
    };
  });

  r.delete(
    '/auth/sessions/:sessionId',
    { schema: { params: z.strictObject({ sessionId: z.string().min(1).max(64) }) } },
    async (req, reply) => {
      const { claims } = await requireUser(platform, req);
      await platform.auth.revokeSession({
        userId: claims.sub,
        sessionId: req.params.sessionId,
        requestId: req.id,
      });
      return reply.status(204).send();
    },
  );

  // Public: sessions are named by a hash of their random id. Older revocations are not served:
  // every token of such a session has expired (MAX_TOKEN_LIFETIME_S).
  r.get(
    '/auth/revocations',
    {
      schema: { querystring: RevocationsQuery, response: { 200: RevocationsResponse } },
      config: limit(limits.refreshPerMinute),
    },
    async (req, reply) => {
      const now = platform.clock.now();
      const floor = now.getTime() - MAX_TOKEN_LIFETIME_S * 1000;
      const asked = req.query.since ? Date.parse(req.query.since) : floor;
      const rows = await platform.auth.revokedSince(new Date(Math.max(asked, floor)));
      return reply.headers(noStore).send({
        items: rows.map((r) => ({ sessionKey: hashToken(r.id), revokedAt: r.revokedAt })),
        asOf: now.toISOString(),
      });
    },
  );

  r.post(
    '/auth/service-token',
    {
      schema: { body: ServiceTokenBody, response: { 200: ServiceTokenResponse } },
      config: limit(limits.loginPerMinute),
    },
    async (req, reply) => {
      const accessToken = await platform.auth.serviceToken(req.body);
      return reply.headers(noStore).send({
        accessToken,
        tokenType: 'Bearer' as const,
        expiresIn: platform.tokens.config.accessTtlS,
      });
    },
  );
}
