import { MAX_TOKEN_LIFETIME_S, RevocationsResponse } from '@bytelyst/trading-contracts';
import type { Logger } from 'pino';
import type { RevocationSource } from '../../ports/revocations.js';

export interface RevocationFeedOptions {
  baseUrl: string;
  /** How often to ask; the revocation delay the docs state is this plus one request. */
  pollMs: number;
  logger: Logger;
  fetch?: typeof fetch;
}

/** Each poll asks again from this long before the previous answer, so no commit is missed. */
const OVERLAP_MS = 10_000;

/**
 * Follows the platform's revocation feed in the background, so verifying a token stays local (no
 * call to the platform per request) and a signed-out session is refused within one poll. A
 * session is remembered for one token lifetime after its revocation: by then every access token
 * of it has expired on its own.
 */
export class PlatformRevocationFeed implements RevocationSource {
  private readonly revoked = new Map<string, number>();
  private readonly listeners = new Set<(keys: readonly string[]) => void>();
  private since: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failing = false;
  private readonly fetchFn: typeof fetch;

  constructor(private readonly opts: RevocationFeedOptions) {
    this.fetchFn = opts.fetch ?? fetch;
  }

  start(): void {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs);
    this.timer.unref();
  }

  isRevoked(sessionKey: string): boolean {
    return this.revoked.has(sessionKey);
  }

  onRevoked(listener: (keys: readonly string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round: fetch, remember, tell listeners about new keys, forget the expired. */
  async poll(): Promise<void> {
    const url = new URL('/auth/revocations', this.opts.baseUrl);
    if (this.since) url.searchParams.set('since', this.since);
    try {
      const res = await this.fetchFn(url, { signal: AbortSignal.timeout(3000) });
      if (!res.ok) throw new Error(`platform answered ${res.status}`);
      const body = RevocationsResponse.parse(await res.json());
      const fresh: string[] = [];
      for (const item of body.items) {
        if (!this.revoked.has(item.sessionKey)) fresh.push(item.sessionKey);
        this.revoked.set(item.sessionKey, Date.parse(item.revokedAt));
      }
      this.since = new Date(Date.parse(body.asOf) - OVERLAP_MS).toISOString();
      if (this.failing) this.opts.logger.info('revocation feed is back');
      this.failing = false;
      const horizon = Date.parse(body.asOf) - MAX_TOKEN_LIFETIME_S * 1000;
      for (const [key, at] of this.revoked) if (at < horizon) this.revoked.delete(key);
      if (fresh.length) for (const l of this.listeners) l(fresh);
    } catch (e) {
      // Keep what we know; say so once per outage rather than every two seconds.
      if (!this.failing)
        this.opts.logger.warn({ err: e }, 'revocation feed unreachable; keeping the last list');
      this.failing = true;
    }
  }
}
