import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CHANGE_TOPICS, type ChangeBus, type ChangeTopic } from '../../ports/change-bus.js';
import { withTimeout } from './timeout.js';

/** How long a publish or a graceful quit may wait on Redis before giving up. */
const REDIS_WAIT_MS = 500;

/**
 * Redis pub/sub between instances: the fast path beside the database's own notifications
 * (`DurableChangeBus`). Local listeners hear their own publishes too. Nothing here waits on
 * Redis for longer than REDIS_WAIT_MS, so a dead Redis slows neither a request nor shutdown.
 */
export class RedisChangeBus implements ChangeBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Set<(topic: ChangeTopic) => void>();
  private readonly channel: string;
  private disposed = false;

  constructor(private readonly opts: { url: string; logger: Logger; channel?: string }) {
    this.channel = opts.channel ?? 'bytelyst-trading:changes';
    // No offline queue on the publisher: while Redis is down a publish fails at once.
    this.pub = new Redis(opts.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.sub = new Redis(opts.url, { maxRetriesPerRequest: null });
    this.pub.on('error', () => undefined);
    this.sub.on('error', () => undefined);
    this.sub.on('message', (_channel: string, message: string) => {
      const topic = CHANGE_TOPICS.find((t) => t === message);
      if (topic) for (const l of this.listeners) l(topic);
    });
    this.sub
      .subscribe(this.channel)
      .catch((err: unknown) => opts.logger.error({ err }, 'change bus subscribe failed'));
  }

  async ready(): Promise<void> {
    // Subscribing is async; tests and start-up wait so no publish is missed.
    for (let i = 0; i < 100 && this.sub.status !== 'ready'; i++)
      await new Promise((r) => setTimeout(r, 20));
  }

  async publish(topic: ChangeTopic): Promise<void> {
    try {
      await withTimeout(this.pub.publish(this.channel, topic), REDIS_WAIT_MS, 'redis publish');
    } catch (err) {
      this.opts.logger.warn({ err, topic }, 'change not announced on Redis (the database has it)');
    }
  }

  announce(topic: ChangeTopic): Promise<void> {
    return this.publish(topic);
  }

  subscribe(listener: (topic: ChangeTopic) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.clear();
    await Promise.all(
      [this.pub, this.sub].map(async (r) => {
        try {
          await withTimeout(r.quit(), REDIS_WAIT_MS, 'redis quit');
        } catch {
          r.disconnect();
        }
      }),
    );
  }
}
