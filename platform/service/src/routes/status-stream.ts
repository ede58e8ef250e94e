import { AppError, type ProductStatus } from '@bytelyst/trading-contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../services/platform.js';

const frame = (s: ProductStatus) =>
  `event: status\nid: ${s.version}\ndata: ${JSON.stringify(s)}\n\n`;

/**
 * Server-Sent Events: the current status on connect, then every change as it commits. Public like
 * the status itself (a blocked surface must learn when it may lift its gate, signed in or not).
 */
export function registerStatusStream(
  app: FastifyInstance,
  opts: { platform: Platform; heartbeatMs: number; perIp?: number },
): void {
  const { platform, heartbeatMs } = opts;
  const open = new Set<() => void>();
  // Anonymous streams hold a socket and a subscription each: one address may hold a few (tabs,
  // devices behind one NAT), not hundreds.
  const perIp = new Map<string, number>();
  const cap = opts.perIp ?? 20;
  // Streams never end on their own; close them so shutdown does not wait on them.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/products/:productId/status/stream',
      { schema: { params: z.strictObject({ productId: z.string().min(1).max(64) }) } },
      async (req, reply) => {
        const { productId } = req.params;
        const held = perIp.get(req.ip) ?? 0;
        if (held >= cap)
          throw new AppError('RATE_LIMITED', 'Too many open status streams from this address.', {
            details: { retryAfterSeconds: 30 },
          });
        // Subscribe before reading, so a change committed in between is not lost; versions
        // order the two sources and nothing older than what was sent goes out.
        const early: ProductStatus[] = [];
        let write: ((s: ProductStatus) => void) | null = null;
        const unsubscribe = platform.status.subscribe(productId, (s) =>
          write ? write(s) : early.push(s),
        );
        let current: ProductStatus;
        try {
          current = await platform.status.get(productId);
        } catch (e) {
          unsubscribe();
          throw e;
        }
        const headers = {
          ...reply.getHeaders(),
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          // The socket belongs to this stream alone: when the stream ends (shutdown), it closes.
          connection: 'close',
          'x-accel-buffering': 'no',
        };
        perIp.set(req.ip, held + 1);
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, headers as Record<string, string>);
        // The retry hint keeps EventSource reconnects quick but not hot.
        raw.write('retry: 2000\n\n');
        let sent = -1;
        write = (s) => {
          if (s.version <= sent || raw.writableEnded) return;
          sent = s.version;
          raw.write(frame(s));
        };
        for (const s of [current, ...early]) write(s);
        const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), heartbeatMs);
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          const left = (perIp.get(req.ip) ?? 1) - 1;
          if (left > 0) perIp.set(req.ip, left);
          else perIp.delete(req.ip);
          clearInterval(heartbeat);
          unsubscribe();
          open.delete(end);
          if (!raw.writableEnded) raw.end();
        };
        open.add(end);
        req.raw.on('close', end);
      },
    );
}
