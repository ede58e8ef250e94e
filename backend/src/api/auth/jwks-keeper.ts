import {
  createLocalJWKSet,
  errors as joseErrors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import type { KeyCacheStore } from '../../ports/store.js';

export interface JwksKeeperOptions {
  url: string;
  /** Where the last good key set survives restarts; absent = memory only. */
  store?: KeyCacheStore | undefined;
  /** How long after its fetch a key set may still verify tokens (PLATFORM_JWKS_MAX_STALE_MS). */
  maxStaleMs: number;
  /** Refetch (in the background) when the set is older than this. */
  refreshMs?: number;
  /** At most one fetch per this window (an unknown kid or an outage cannot cause a stampede). */
  cooldownMs?: number;
  timeoutMs?: number;
  now?: () => number;
  fetchImpl?: typeof fetch;
  onError?: (err: unknown, what: string) => void;
}

interface KeySet {
  jwks: JSONWebKeySet;
  fetchedAt: number;
  resolve: JWTVerifyGetKey;
}

const isKeySet = (v: unknown): v is JSONWebKeySet =>
  typeof v === 'object' &&
  v !== null &&
  Array.isArray((v as { keys?: unknown }).keys) &&
  (v as { keys: unknown[] }).keys.every((k) => typeof k === 'object' && k !== null);

/**
 * The issuer's keys as the backend keeps them: fetched from the JWKS URL, saved with their fetch
 * time in the store, and used from there while the issuer cannot be reached, in this process or
 * after a restart, until `maxStaleMs` after the last good fetch. A key carrying its own `exp`
 * (seconds, as some issuers state a key's lifetime) is dropped once that passes. Only a fetch
 * that returns a well-formed set replaces the kept one.
 */
export class JwksKeeper {
  private set: KeySet | null = null;
  private lastAttempt = -Infinity;
  private inflight: Promise<boolean> | null = null;
  private loadedFromStore = false;
  private readonly now: () => number;
  private readonly refreshMs: number;
  private readonly cooldownMs: number;

  constructor(private readonly o: JwksKeeperOptions) {
    this.now = o.now ?? Date.now;
    this.refreshMs = o.refreshMs ?? 600_000;
    this.cooldownMs = o.cooldownMs ?? 30_000;
  }

  /** Fetch now; when that fails, fall back to the stored set. */
  async warm(): Promise<void> {
    if (!(await this.refresh())) await this.loadStored();
  }

  /** Age of the kept set in ms, or null when there is none. */
  ageMs(): number | null {
    return this.set ? this.now() - this.set.fetchedAt : null;
  }

  private install(jwks: JSONWebKeySet, fetchedAt: number): void {
    const nowS = this.now() / 1000;
    const live = {
      keys: jwks.keys.filter((k) => {
        const exp = (k as { exp?: unknown }).exp;
        return typeof exp !== 'number' || exp > nowS;
      }),
    };
    this.set = { jwks, fetchedAt, resolve: createLocalJWKSet(live) };
  }

  private async loadStored(): Promise<void> {
    if (this.loadedFromStore || !this.o.store) return;
    this.loadedFromStore = true;
    try {
      const stored = await this.o.store.loadJwks(this.o.url);
      const at = stored ? Date.parse(stored.fetchedAt) : NaN;
      if (stored && isKeySet(stored.jwks) && (!this.set || at > this.set.fetchedAt))
        this.install(stored.jwks, at);
    } catch (err) {
      this.loadedFromStore = false;
      this.o.onError?.(err, 'jwks load from store');
    }
  }

  /** One fetch at a time, at most one per cooldown; true when a new set was installed. */
  refresh(): Promise<boolean> {
    if (this.inflight) return this.inflight;
    if (this.now() - this.lastAttempt < this.cooldownMs) return Promise.resolve(false);
    this.lastAttempt = this.now();
    this.inflight = this.fetchOnce().finally(() => (this.inflight = null));
    return this.inflight;
  }

  private async fetchOnce(): Promise<boolean> {
    try {
      const res = await (this.o.fetchImpl ?? fetch)(this.o.url, {
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 5_000),
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new Error(`JWKS answered ${res.status}`);
      const body: unknown = await res.json();
      if (!isKeySet(body)) throw new Error('JWKS response is not a key set');
      const fetchedAt = this.now();
      this.install(body, fetchedAt);
      await this.o.store
        ?.saveJwks({
          url: this.o.url,
          jwks: body,
          fetchedAt: new Date(fetchedAt).toISOString(),
        })
        .catch((err: unknown) => this.o.onError?.(err, 'jwks save'));
      return true;
    } catch (err) {
      this.o.onError?.(err, 'jwks fetch');
      return false;
    }
  }

  /** The key resolver `jwtVerify` calls. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    if (!this.set) {
      await this.refresh();
      if (!this.set) await this.loadStored();
    } else if (this.now() - this.set.fetchedAt > this.refreshMs) {
      void this.refresh();
    }
    const set = this.set;
    if (!set) throw new joseErrors.JWKSNoMatchingKey();
    if (this.now() - set.fetchedAt > this.o.maxStaleMs) {
      // Too old to trust: try once more, then refuse.
      await this.refresh();
      if (!this.set || this.now() - this.set.fetchedAt > this.o.maxStaleMs)
        throw new joseErrors.JWKSNoMatchingKey();
    }
    try {
      return await (this.set ?? set).resolve(header, token);
    } catch (err) {
      // A kid we do not know yet (the issuer rotated): fetch once, then ask again.
      if (err instanceof joseErrors.JWKSNoMatchingKey && (await this.refresh()) && this.set)
        return this.set.resolve(header, token);
      throw err;
    }
  };
}
