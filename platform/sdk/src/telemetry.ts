import { TelemetryAccepted, TelemetryEvent } from '@bytelyst/trading-contracts';
import { isUnreachable, platformRequest } from './http.js';
import {
  newRequestId,
  systemClock,
  trimSlash,
  type Clock,
  type FetchLike,
  type KeyValueStorage,
} from './types.js';

type Attributes = TelemetryEvent['attributes'];

export interface TelemetryOptions {
  baseUrl: string;
  surface: TelemetryEvent['surface'];
  appVersion: string;
  /** One per app launch by default. */
  sessionId?: string;
  fetch?: FetchLike;
  getAccessToken?: () => Promise<string | null>;
  /** Where unsent events survive a restart (offline queue). Memory only when absent. */
  storage?: KeyValueStorage;
  storageKey?: string;
  maxBatch?: number;
  maxQueue?: number;
  flushIntervalMs?: number;
  clock?: Clock;
}

export interface Telemetry {
  readonly sessionId: string;
  /** Resolves once the persisted queue has been read back. */
  ready: () => Promise<void>;
  track: (name: string, attributes?: Attributes, opts?: { requestId?: string | null }) => void;
  /** Sends queued events in batches; stops at the first failure and keeps the rest. */
  flush: () => Promise<{ sent: number; pending: number }>;
  pending: () => number;
  start: () => void;
  stop: () => void;
}

/**
 * Batches events and posts them to `/telemetry/events`. Offline or failing: the queue is kept
 * (and persisted) and retried on the next flush; when full, the oldest events go first.
 */
export function createTelemetry(opts: TelemetryOptions): Telemetry {
  const url = `${trimSlash(opts.baseUrl)}/telemetry/events`;
  const doFetch: FetchLike = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const clock = opts.clock ?? systemClock;
  const sessionId = opts.sessionId ?? newRequestId();
  const maxBatch = Math.min(opts.maxBatch ?? 50, 100);
  const maxQueue = opts.maxQueue ?? 1000;
  const key = opts.storageKey ?? 'bytelyst.telemetry.queue';
  let queue: TelemetryEvent[] = [];
  let timer: ReturnType<typeof setInterval> | undefined;
  let flushing: Promise<{ sent: number; pending: number }> | null = null;

  const persist = async () => {
    if (!opts.storage) return;
    try {
      if (queue.length === 0) await opts.storage.removeItem(key);
      else await opts.storage.setItem(key, JSON.stringify(queue));
    } catch {
      /* storage full or unavailable: the queue still lives in memory */
    }
  };

  const loaded = (async () => {
    if (!opts.storage) return;
    try {
      const raw = await opts.storage.getItem(key);
      const saved: unknown = raw ? JSON.parse(raw) : [];
      const restored = Array.isArray(saved)
        ? saved.flatMap((e) => {
            const p = TelemetryEvent.safeParse(e);
            return p.success ? [p.data] : [];
          })
        : [];
      queue = [...restored, ...queue].slice(-maxQueue);
    } catch {
      /* an unreadable queue is dropped rather than blocking telemetry forever */
    }
  })();

  const sendBatch = async (batch: TelemetryEvent[]): Promise<'sent' | 'retry' | 'drop'> => {
    try {
      const token = (await opts.getAccessToken?.()) ?? null;
      await platformRequest({
        fetch: doFetch,
        url,
        method: 'POST',
        body: { events: batch },
        headers: token ? { authorization: `Bearer ${token}` } : {},
        schema: TelemetryAccepted,
      });
      return 'sent';
    } catch (e) {
      // A batch the platform rejects as invalid would be rejected forever: drop it.
      return isUnreachable(e) ? 'retry' : 'drop';
    }
  };

  const doFlush = async () => {
    await loaded;
    let sent = 0;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      const outcome = await sendBatch(batch);
      if (outcome === 'retry') break;
      queue = queue.slice(batch.length);
      if (outcome === 'sent') sent += batch.length;
    }
    await persist();
    return { sent, pending: queue.length };
  };

  const flush = () => {
    flushing ??= doFlush().finally(() => {
      flushing = null;
    });
    return flushing;
  };

  return {
    sessionId,
    ready: () => loaded,
    track(name, attributes = {}, o = {}) {
      const event = TelemetryEvent.safeParse({
        name,
        surface: opts.surface,
        appVersion: opts.appVersion,
        sessionId,
        requestId: o.requestId ?? null,
        at: new Date(clock.now()).toISOString(),
        attributes,
      });
      // Telemetry never throws into the host app; an invalid event is simply not recorded.
      if (!event.success) return;
      queue.push(event.data);
      if (queue.length > maxQueue) queue = queue.slice(-maxQueue);
      void loaded.then(persist);
    },
    flush,
    pending: () => queue.length,
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => void flush(), opts.flushIntervalMs ?? 10_000);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
