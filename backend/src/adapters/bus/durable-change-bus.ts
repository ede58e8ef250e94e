import type { Logger } from 'pino';
import type { ChangeBus, ChangeTopic } from '../../ports/change-bus.js';
import { CHANGE_TOPICS } from '../../ports/change-bus.js';
import type { ChangeFeedStore } from '../../ports/store.js';

/**
 * The change bus every instance uses: the database's own LISTEN/NOTIFY is the path that cannot
 * disagree with the data (a notification sent in a transaction is delivered exactly when it
 * commits), and Redis, when configured, is a fast path beside it. A listener hears a change
 * from whichever path delivers first, possibly twice; consumers reload from the database, so a
 * second delivery costs a read and nothing else. After the database listener reconnects, every
 * topic is delivered once, because notifications sent while it was away are lost.
 */
export class DurableChangeBus implements ChangeBus {
  private readonly listeners = new Set<(topic: ChangeTopic) => void>();
  private unlisten: (() => Promise<void>) | null = null;
  private readonly unsubscribeFast: (() => void) | null;

  constructor(
    private readonly o: { store: ChangeFeedStore; fast?: ChangeBus | null; logger: Logger },
  ) {
    this.unsubscribeFast = o.fast?.subscribe((t) => this.emit(t)) ?? null;
  }

  async start(): Promise<void> {
    this.unlisten = await this.o.store.listenChanges(
      (t) => this.emit(t),
      () => {
        this.o.logger.warn('change listener reconnected; reloading every topic');
        for (const t of CHANGE_TOPICS) this.emit(t);
      },
    );
  }

  private emit(topic: ChangeTopic): void {
    for (const l of this.listeners) {
      try {
        l(topic);
      } catch (err) {
        this.o.logger.error({ err, topic }, 'change listener failed');
      }
    }
  }

  async publish(topic: ChangeTopic): Promise<void> {
    try {
      await this.o.store.notifyChange(topic);
    } catch (err) {
      // Committed but not announced by the database: the consumers' timers still find it.
      this.o.logger.warn({ err, topic }, 'change not announced by the database');
    }
    await this.announce(topic);
  }

  async announce(topic: ChangeTopic): Promise<void> {
    // The fast path never rejects and waits on Redis for a bounded time only.
    await this.o.fast?.publish(topic);
  }

  subscribe(listener: (topic: ChangeTopic) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
    this.unsubscribeFast?.();
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = null;
    await this.o.fast?.dispose();
  }
}
