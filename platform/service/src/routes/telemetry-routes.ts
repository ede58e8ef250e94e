import {
  TelemetryAccepted,
  TelemetryBatch,
  TelemetryQuery,
  TelemetryRecord,
  page,
} from '@bytelyst/trading-contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../services/platform.js';
import { optionalPrincipal, requireOperator } from './guard.js';

export function registerTelemetryRoutes(
  app: FastifyInstance,
  opts: { platform: Platform; perMinute: number },
): void {
  const { platform } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/telemetry/events',
    {
      schema: { body: TelemetryBatch, response: { 202: TelemetryAccepted } },
      bodyLimit: 256 * 1024,
      config: { rateLimit: { max: opts.perMinute, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      // Anonymous events are welcome (a crash before sign-in matters); a bad token is not.
      const p = await optionalPrincipal(platform, req);
      const accepted = await platform.telemetry.ingest({
        events: req.body.events,
        tenantId: p?.kind === 'user' ? p.claims.tenant : null,
        userId: p?.kind === 'user' ? p.claims.sub : null,
      });
      return reply.status(202).send({ accepted });
    },
  );

  r.get(
    '/admin/telemetry',
    { schema: { querystring: TelemetryQuery, response: { 200: page(TelemetryRecord) } } },
    async (req) => {
      await requireOperator(platform, req);
      return platform.telemetry.query(req.query);
    },
  );
}
