import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ChangeBus, ChangeTopic } from '../../ports/change-bus.js';

const TOPICS: readonly ChangeTopic[] = ['controls', 'config', 'tenants', 'profiles'];

/** Redis pub/sub between instances; local listeners hear their own publishes too. */
export class RedisChangeBus implements ChangeBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Set<(topic: ChangeTopic) => void>();
  private readonly channel: string;
  private disposed = false;

  constructor(opts: { url: string; logger: Logger; channel?: string }) {
    this.channel = opts.channel ?? 'bytelyst-trading:changes';
    this.pub = new Redis(opts.url, { maxRetriesPerRequest: 2 });
    this.sub = new Redis(opts.url, { maxRetriesPerRequest: null });
    this.sub.on('message', (_channel: string, message: string) => {
      const topic = TOPICS.find((t) => t === message);
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
    await this.pub.publish(this.channel, topic);
  }

  subscribe(listener: (topic: ChangeTopic) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.clear();
    await Promise.all([
      this.pub.quit().catch(() => undefined),
      this.sub.quit().catch(() => undefined),
    ]);
  }
}
