import { PlatformFlagsResponse } from '@bytelyst/trading-contracts';
import { platformRequest } from './http.js';
import { listeners, trimSlash, type FetchLike, type Unsubscribe } from './types.js';

export interface FlagsState {
  flags: Record<string, boolean>;
  updatedAt: string | null;
  /** `default` until the platform has answered once. */
  source: 'platform' | 'default';
  /** The last refresh failed; the flags shown are the last known (or the defaults). */
  stale: boolean;
}

export interface FlagsClientOptions {
  baseUrl: string;
  productId: string;
  fetch?: FetchLike;
  /** With a token the platform applies tenant and user targeting. */
  getAccessToken?: () => Promise<string | null>;
  /** Shown before the first answer and for keys the platform does not know. */
  defaults?: Record<string, boolean>;
  /** Periodic refresh; 0 turns it off (default 60 s). */
  refreshIntervalMs?: number;
}

export interface FlagsClient {
  start: () => void;
  stop: () => void;
  /** Refetch now: the host calls this on focus and after sign-in or sign-out. Never rejects. */
  refresh: () => Promise<void>;
  isEnabled: (key: string) => boolean;
  getState: () => FlagsState;
  subscribe: (listener: (s: FlagsState) => void) => Unsubscribe;
}

/** Refresh policy: once on start, every N seconds, and whenever the host calls `refresh()`. */
export function createFlagsClient(opts: FlagsClientOptions): FlagsClient {
  const url = `${trimSlash(opts.baseUrl)}/products/${encodeURIComponent(opts.productId)}/flags`;
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const every = opts.refreshIntervalMs ?? 60_000;
  const defaults = opts.defaults ?? {};
  const subs = listeners<FlagsState>();
  let state: FlagsState = {
    flags: { ...defaults },
    updatedAt: null,
    source: 'default',
    stale: false,
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  let started = false;
  let inflight: Promise<void> | null = null;

  const load = async () => {
    try {
      const token = (await opts.getAccessToken?.()) ?? null;
      const res = await platformRequest({
        fetch: doFetch,
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        schema: PlatformFlagsResponse,
      });
      state = {
        flags: { ...defaults, ...res.flags },
        updatedAt: res.updatedAt,
        source: 'platform',
        stale: false,
      };
    } catch {
      state = { ...state, stale: true };
    }
    subs.emit(state);
  };

  const refresh = () => {
    inflight ??= load().finally(() => {
      inflight = null;
    });
    return inflight;
  };

  return {
    start() {
      if (started) return;
      started = true;
      void refresh();
      if (every > 0) timer = setInterval(() => void refresh(), every);
    },
    stop() {
      started = false;
      clearInterval(timer);
      timer = undefined;
    },
    refresh,
    isEnabled: (key) => state.flags[key] ?? false,
    getState: () => state,
    subscribe: (fn) => subs.add(fn),
  };
}
