import { ProductStatus } from '@bytelyst/trading-contracts';
import type { Logger } from 'pino';
import type { Clock } from '../../ports/clock.js';
import type {
  ProductStatusSnapshot,
  ProductStatusSource,
} from '../../ports/product-status-source.js';

export interface PlatformStatusClientOptions {
  baseUrl: string;
  productId: string;
  pollMs: number;
  clock: Clock;
  logger: Logger;
  fetch?: typeof fetch;
}

/**
 * Follows the platform's product status two ways: a Server-Sent Events stream for sub-second
 * reaction, and polling as the fallback that also refreshes the age of what we know. A status
 * that stops arriving ages out in the controls function (unknown => no new entries).
 */
export class PlatformStatusClient implements ProductStatusSource {
  private snapshot: ProductStatusSnapshot = { status: null, receivedAt: null, lastError: null };
  private readonly listeners = new Set<(s: ProductStatusSnapshot, changed: boolean) => void>();
  private pollTimer: NodeJS.Timeout | null = null;
  private streamAbort: AbortController | null = null;
  private disposed = false;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly opts: PlatformStatusClientOptions) {
    this.fetchFn = opts.fetch ?? fetch;
  }

  start(): void {
    void this.poll();
    this.pollTimer = setInterval(() => void this.poll(), this.opts.pollMs);
    this.pollTimer.unref();
    void this.stream();
  }

  current(): ProductStatusSnapshot {
    return this.snapshot;
  }

  onUpdate(listener: (s: ProductStatusSnapshot, changed: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.streamAbort?.abort();
    this.streamAbort = null;
  }

  private get url(): string {
    return `${this.opts.baseUrl.replace(/\/$/, '')}/products/${encodeURIComponent(this.opts.productId)}/status`;
  }

  private accept(raw: unknown): void {
    const parsed = ProductStatus.safeParse(raw);
    if (!parsed.success) {
      this.fail('platform sent an invalid product status');
      return;
    }
    const prev = this.snapshot.status;
    this.snapshot = { status: parsed.data, receivedAt: this.opts.clock.now(), lastError: null };
    const changed =
      !prev ||
      prev.enabled !== parsed.data.enabled ||
      prev.maintenance.active !== parsed.data.maintenance.active ||
      prev.version !== parsed.data.version;
    // Every receipt refreshes the status's age, which the controls function reads.
    for (const l of this.listeners) l(this.snapshot, changed);
  }

  private fail(message: string): void {
    if (this.snapshot.lastError !== message)
      this.opts.logger.warn({ err: message }, 'product status unavailable');
    this.snapshot = { ...this.snapshot, lastError: message };
  }

  private async poll(): Promise<void> {
    try {
      const res = await this.fetchFn(this.url, { signal: AbortSignal.timeout(3000) });
      if (!res.ok) return this.fail(`platform answered ${res.status}`);
      this.accept(await res.json());
    } catch (e) {
      this.fail(e instanceof Error ? e.message : 'platform unreachable');
    }
  }

  /** Reads the SSE stream line by line; reconnects with backoff until disposed. */
  private async stream(): Promise<void> {
    let backoff = 500;
    while (!this.disposed) {
      this.streamAbort = new AbortController();
      try {
        const res = await this.fetchFn(`${this.url}/stream`, {
          headers: { accept: 'text/event-stream' },
          signal: this.streamAbort.signal,
        });
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        backoff = 500;
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let idx: number;
          while ((idx = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, idx);
            buffer = buffer.slice(idx + 2);
            const data = event
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trim())
              .join('\n');
            if (data) {
              try {
                this.accept(JSON.parse(data));
              } catch {
                this.fail('platform stream sent malformed data');
              }
            }
          }
        }
      } catch {
        if (this.disposed) return;
      }
      await new Promise((r) => setTimeout(r, backoff).unref());
      backoff = Math.min(backoff * 2, 15_000);
    }
  }
}
