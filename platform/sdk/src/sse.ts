import type { FetchLike } from './types.js';

export interface SseMessage {
  event: string;
  data: string;
}

/** Minimal EventSource shape (browser global, or a polyfill on React Native). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (e: { data?: unknown }) => void): void;
  close(): void;
  onerror: ((e: unknown) => void) | null;
  onopen?: ((e: unknown) => void) | null;
}
export type EventSourceCtor = new (url: string) => EventSourceLike;

export interface StreamHandlers {
  onMessage(m: SseMessage): void;
  /** The stream failed or ended; it is already closed when this is called. */
  onError(e: unknown): void;
}

/** Splits an SSE byte stream into messages (comments and `retry:`/`id:` lines are skipped). */
export function sseParser(onMessage: (m: SseMessage) => void) {
  let buffer = '';
  return (chunk: string) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) onMessage({ event, data: data.join('\n') });
    }
  };
}

export function openEventSource(
  Ctor: EventSourceCtor,
  url: string,
  handlers: StreamHandlers,
): () => void {
  const es = new Ctor(url);
  let closed = false;
  const close = () => {
    closed = true;
    es.close();
  };
  es.addEventListener('status', (e) => {
    if (typeof e.data === 'string') handlers.onMessage({ event: 'status', data: e.data });
  });
  // EventSource would reconnect on its own; the watcher prefers to decide (backoff, polling).
  es.onerror = (e) => {
    if (closed) return;
    close();
    handlers.onError(e);
  };
  return close;
}

/**
 * SSE over fetch streaming, for hosts with a streaming fetch but no EventSource (Node). A stream
 * that stays silent longer than `idleMs` (no heartbeat) counts as broken.
 */
export function openFetchStream(
  fetchFn: FetchLike,
  url: string,
  handlers: StreamHandlers & { idleMs: number },
): () => void {
  const abort = new AbortController();
  let done = false;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const finish = (e: unknown) => {
    if (done) return;
    done = true;
    clearTimeout(idle);
    abort.abort();
    handlers.onError(e);
  };
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => finish(new Error('status stream went silent')), handlers.idleMs);
  };
  const parse = sseParser((m) => handlers.onMessage(m));
  void (async () => {
    const res = await fetchFn(url, {
      headers: { accept: 'text/event-stream' },
      signal: abort.signal,
    });
    if (!res.ok || !res.body) throw new Error(`status stream answered ${res.status}`);
    arm();
    // Typed by hand: the SDK compiles without the DOM lib and must not depend on Node's types.
    const reader = (res.body as unknown as ByteStream).getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error('status stream ended');
      arm();
      parse(decoder.decode(chunk.value, { stream: true }));
    }
  })().catch(finish);
  return () => {
    done = true;
    clearTimeout(idle);
    abort.abort();
  };
}

interface ByteStream {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> };
}

/** Whether this host's fetch can stream response bodies (React Native's cannot). */
export const canStreamFetch = (): boolean =>
  typeof ReadableStream !== 'undefined' && typeof TextDecoder !== 'undefined';
