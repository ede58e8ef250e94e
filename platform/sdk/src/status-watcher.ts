import { ProductStatus } from '@bytelyst/trading-contracts';
import { platformRequest } from './http.js';
import {
  canStreamFetch,
  openEventSource,
  openFetchStream,
  type EventSourceCtor,
  type SseMessage,
} from './sse.js';
import {
  listeners,
  systemClock,
  trimSlash,
  type Clock,
  type FetchLike,
  type Unsubscribe,
} from './types.js';

/** `unknown`: nothing heard yet; `ok`: the platform answers; `degraded`: it does not (last status kept). */
export type WatcherConnection = 'ok' | 'degraded' | 'unknown';

export interface ProductStatusState {
  state: WatcherConnection;
  status: ProductStatus | null;
  /** Client clock (ms) of the last answer from the platform. */
  lastOkAt: number | null;
  transport: 'sse' | 'poll';
}

export interface ProductStatusWatcherOptions {
  baseUrl: string;
  productId: string;
  fetch?: FetchLike;
  /** Pass `null` to force polling; defaults to the global EventSource when there is one. */
  EventSource?: EventSourceCtor | null;
  /** Use fetch streaming when there is no EventSource (Node); default true where supported. */
  fetchStreaming?: boolean;
  pollIntervalMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  clock?: Clock;
}

export interface ProductStatusWatcher {
  start: () => void;
  stop: () => void;
  /** Fetches the status now (e.g. on app focus); resolves when done, never rejects. */
  refresh: () => Promise<void>;
  getState: () => ProductStatusState;
  subscribe: (listener: (s: ProductStatusState) => void) => Unsubscribe;
}

/**
 * Push first (SSE), polling as the fallback: on any stream failure the watcher polls with
 * exponential backoff and reopens the stream once the platform answers again.
 */
export function createProductStatusWatcher(
  opts: ProductStatusWatcherOptions,
): ProductStatusWatcher {
  const base = `${trimSlash(opts.baseUrl)}/products/${encodeURIComponent(opts.productId)}/status`;
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const clock = opts.clock ?? systemClock;
  const pollMs = opts.pollIntervalMs ?? 15_000;
  const minBackoff = opts.minBackoffMs ?? 1000;
  const maxBackoff = opts.maxBackoffMs ?? 60_000;
  const ES =
    opts.EventSource === undefined
      ? ((globalThis as { EventSource?: EventSourceCtor }).EventSource ?? null)
      : opts.EventSource;
  const streaming = ES !== null || (opts.fetchStreaming ?? canStreamFetch());
  const subs = listeners<ProductStatusState>();
  let state: ProductStatusState = {
    state: 'unknown',
    status: null,
    lastOkAt: null,
    transport: streaming ? 'sse' : 'poll',
  };
  let running = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closeStream: (() => void) | null = null;

  const set = (patch: Partial<ProductStatusState>) => {
    state = { ...state, ...patch };
    subs.emit(state);
  };

  const accept = (status: ProductStatus) => {
    failures = 0;
    // Versions only move forward; an older answer (a slow poll) never undoes a newer push.
    const keep = state.status && state.status.version > status.version;
    set({ state: 'ok', status: keep ? state.status : status, lastOkAt: clock.now() });
  };

  const backoff = () => Math.min(maxBackoff, minBackoff * 2 ** Math.min(failures - 1, 16));

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (running) timer = setTimeout(() => void poll(), ms);
  };

  const fail = () => {
    failures += 1;
    set({ state: 'degraded' });
    schedule(backoff());
  };

  const fetchOnce = async (): Promise<boolean> => {
    try {
      accept(await platformRequest({ fetch: doFetch, url: base, schema: ProductStatus }));
      return true;
    } catch {
      return false;
    }
  };

  const poll = async () => {
    if (!running) return;
    if (!(await fetchOnce())) return fail();
    if (streaming && !closeStream) openStream();
    else schedule(pollMs);
  };

  const onMessage = (m: SseMessage) => {
    if (m.event !== 'status') return;
    try {
      const parsed = ProductStatus.safeParse(JSON.parse(m.data));
      if (parsed.success) accept(parsed.data);
    } catch {
      /* a malformed frame is skipped; the next one or the poll corrects the state */
    }
  };

  const openStream = () => {
    clearTimeout(timer);
    const url = `${base}/stream`;
    const onError = () => {
      closeStream = null;
      if (running) fail();
    };
    closeStream = ES
      ? openEventSource(ES, url, { onMessage, onError })
      : openFetchStream(doFetch, url, { onMessage, onError, idleMs: 45_000 });
  };

  return {
    start() {
      if (running) return;
      running = true;
      void poll();
    },
    stop() {
      running = false;
      clearTimeout(timer);
      closeStream?.();
      closeStream = null;
    },
    async refresh() {
      if (!(await fetchOnce())) fail();
    },
    getState: () => state,
    subscribe: (fn) => subs.add(fn),
  };
}
