import {
  FlagRule,
  FlagRuleBody,
  PlatformFlagRulesResponse,
  PlatformFlagsResponse,
  ProductStatus,
  ProductStatusUpdateBody,
  AppError,
} from '@bytelyst/trading-contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../services/platform.js';
import { actorOf, optionalPrincipal, requireOperator } from './guard.js';
import { registerStatusStream } from './status-stream.js';

const ProductParams = z.strictObject({ productId: z.string().min(1).max(64) });
const FlagParams = ProductParams.extend({ key: FlagRule.shape.key });

export function registerProductRoutes(
  app: FastifyInstance,
  opts: { platform: Platform; heartbeatMs: number },
): void {
  const { platform } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/products/:productId/status',
    { schema: { params: ProductParams, response: { 200: ProductStatus } } },
    async (req, reply) =>
      reply
        .header('cache-control', 'no-store')
        .send(await platform.status.get(req.params.productId)),
  );

  r.put(
    '/products/:productId/status',
    {
      schema: {
        params: ProductParams,
        body: ProductStatusUpdateBody,
        response: { 200: ProductStatus },
      },
    },
    async (req) => {
      const principal = await requireOperator(platform, req);
      const { reason, ...change } = req.body;
      return platform.status.update({
        productId: req.params.productId,
        change,
        reason,
        actor: actorOf(principal),
        requestId: req.id,
      });
    },
  );

  registerStatusStream(app, opts);

  r.get(
    '/products/:productId/flags',
    { schema: { params: ProductParams, response: { 200: PlatformFlagsResponse } } },
    async (req) => {
      const p = await optionalPrincipal(platform, req);
      const subject =
        p?.kind === 'user'
          ? { tenantId: p.claims.tenant, userId: p.claims.sub }
          : { tenantId: null, userId: null };
      return platform.flags.evaluate({ productId: req.params.productId, subject });
    },
  );

  r.get(
    '/products/:productId/flags/rules',
    { schema: { params: ProductParams, response: { 200: PlatformFlagRulesResponse } } },
    async (req) => {
      await requireOperator(platform, req);
      return { rules: await platform.flags.rules(req.params.productId) };
    },
  );

  r.put(
    '/products/:productId/flags/:key',
    { schema: { params: FlagParams, body: FlagRuleBody, response: { 200: FlagRule } } },
    async (req) => {
      const principal = await requireOperator(platform, req);
      const { reason, key, ...rest } = req.body;
      if (key !== undefined && key !== req.params.key) {
        throw new AppError('VALIDATION_FAILED', 'The body key does not match the path.');
      }
      return platform.flags.put({
        productId: req.params.productId,
        rule: { ...rest, key: req.params.key },
        reason: reason ?? null,
        actor: actorOf(principal),
        requestId: req.id,
      });
    },
  );
}
