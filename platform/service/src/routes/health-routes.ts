import { HealthResponse, PRODUCT, type DevMailboxMessage } from '@bytelyst/trading-contracts';
import { DevMailboxMessage as DevMailboxMessageSchema } from '@bytelyst/trading-contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../services/platform.js';

const SERVICE = 'platform-service';

export function registerHealthRoutes(app: FastifyInstance, platform: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const now = () => platform.clock.now().toISOString();

  r.get('/health/live', { schema: { response: { 200: HealthResponse } } }, async () => ({
    status: 'ok' as const,
    service: SERVICE,
    version: PRODUCT.version,
    time: now(),
    checks: [],
  }));

  r.get(
    '/health/ready',
    { schema: { response: { 200: HealthResponse, 503: HealthResponse } } },
    async (_req, reply) => {
      const db = await platform.db
        .query('SELECT 1 AS ok')
        .then(() => ({ name: 'database', ok: true }))
        .catch(() => ({ name: 'database', ok: false, detail: 'database did not answer' }));
      const keys = { name: 'signing-keys', ok: platform.keys.jwks().keys.length > 0 };
      const checks = [db, keys];
      const ok = checks.every((c) => c.ok);
      return reply.status(ok ? 200 : 503).send({
        status: ok ? ('ok' as const) : ('fail' as const),
        service: SERVICE,
        version: PRODUCT.version,
        time: now(),
        checks,
      });
    },
  );
}

/** Development only: read the reset mails the dev mailbox caught. */
export function registerDevRoutes(app: FastifyInstance, platform: Platform): void {
  const mailbox = platform.mailbox;
  if (!mailbox) return;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/dev/mailbox',
    {
      schema: {
        querystring: z.strictObject({ email: z.email().max(254) }),
        response: { 200: z.strictObject({ messages: z.array(DevMailboxMessageSchema) }) },
      },
    },
    async (req): Promise<{ messages: DevMailboxMessage[] }> => ({
      messages: mailbox.list(req.query.email),
    }),
  );
}
