import type { ProductStatus } from '@bytelyst/trading-contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventSourceLike } from './sse.js';
import { sseParser } from './sse.js';
import { createProductStatusWatcher } from './status-watcher.js';
import type { FetchLike } from './types.js';

const status = (version: number, enabled = true): ProductStatus => ({
  productId: 'bytelyst-trading',
  enabled,
  maintenance: { active: false, message: null, expectedEndAt: null },
  version,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

function statusServer() {
  const s = { up: true, current: status(1), hits: [] as number[] };
  const fetch: FetchLike = async () => {
    s.hits.push(Date.now());
    if (!s.up) throw new TypeError('fetch failed');
    return new Response(JSON.stringify(s.current), { status: 200 });
  };
  return { s, fetch };
}

describe('product status watcher (polling)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('goes unknown -> ok, then degraded with exponential backoff, then ok again', async () => {
    const { s, fetch } = statusServer();
    const w = createProductStatusWatcher({
      baseUrl: 'http://p.test',
      productId: 'bytelyst-trading',
      fetch,
      EventSource: null,
      fetchStreaming: false,
      pollIntervalMs: 10_000,
      minBackoffMs: 1000,
      maxBackoffMs: 8000,
    });
    expect(w.getState().state).toBe('unknown');
    w.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(w.getState()).toMatchObject({ state: 'ok', status: { version: 1 }, transport: 'poll' });

    s.up = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.getState()).toMatchObject({ state: 'degraded', status: { version: 1 } });
    const start = s.hits.length;
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 8000 + 8000);
    const gaps = s.hits.slice(start).map((t, i, a) => t - (i === 0 ? t0 : (a[i - 1] ?? 0)));
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 8000]);

    s.up = true;
    s.current = status(2, false);
    await vi.advanceTimersByTimeAsync(8000);
    expect(w.getState()).toMatchObject({ state: 'ok', status: { version: 2, enabled: false } });
    w.stop();
  });

  it('never lets an older answer replace a newer status', async () => {
    const { s, fetch } = statusServer();
    const w = createProductStatusWatcher({
      baseUrl: 'http://p.test',
      productId: 'x',
      fetch,
      EventSource: null,
      fetchStreaming: false,
    });
    s.current = status(5);
    await w.refresh();
    s.current = status(4, false);
    await w.refresh();
    expect(w.getState().status).toMatchObject({ version: 5, enabled: true });
  });
});

describe('product status watcher (EventSource)', () => {
  it('applies pushed statuses and falls back to polling when the stream breaks', async () => {
    const { s, fetch } = statusServer();
    const sources: FakeES[] = [];
    class FakeES implements EventSourceLike {
      readyState = 0;
      onerror: ((e: unknown) => void) | null = null;
      handlers: ((e: { data?: unknown }) => void)[] = [];
      closed = false;
      constructor(readonly url: string) {
        sources.push(this);
      }
      addEventListener(_t: string, fn: (e: { data?: unknown }) => void) {
        this.handlers.push(fn);
      }
      close() {
        this.closed = true;
      }
      push(st: ProductStatus) {
        for (const h of this.handlers) h({ data: JSON.stringify(st) });
      }
    }
    const w = createProductStatusWatcher({
      baseUrl: 'http://p.test/',
      productId: 'x',
      fetch,
      EventSource: FakeES,
      minBackoffMs: 5,
    });
    const seen: boolean[] = [];
    w.subscribe((st) => st.status && seen.push(st.status.enabled));
    w.start();
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    expect(sources[0]?.url).toBe('http://p.test/products/x/status/stream');
    sources[0]?.push(status(2, false));
    expect(w.getState()).toMatchObject({ state: 'ok', status: { enabled: false } });

    s.current = status(3, true);
    sources[0]?.onerror?.({});
    expect(sources[0]?.closed).toBe(true);
    expect(w.getState().state).toBe('degraded');
    await vi.waitFor(() => expect(sources).toHaveLength(2));
    expect(w.getState()).toMatchObject({ state: 'ok', status: { version: 3, enabled: true } });
    expect(seen).toEqual([true, false, false, true]);
    w.stop();
    expect(sources[1]?.closed).toBe(true);
  });

  it('parses SSE frames split across chunks and skips comments', () => {
    const got: { event: string; data: string }[] = [];
    const feed = sseParser((m) => got.push(m));
    feed('retry: 2000\n\nevent: status\nid: 1\ndata: {"a"');
    feed(':1}\n\n: heartbeat\n\nevent: status\r\ndata: x\r\n\r\n');
    expect(got).toEqual([
      { event: 'status', data: '{"a":1}' },
      { event: 'status', data: 'x' },
    ]);
  });
});
