import { describe, expect, it } from 'vitest';
import { createFlagsClient } from './flags-client.js';
import { createTelemetry } from './telemetry.js';
import type { FetchLike } from './types.js';

describe('flags client', () => {
  it('shows defaults first, then the platform answer with the token, and stale flags on failure', async () => {
    let up = true;
    const auth: (string | null)[] = [];
    const fetch: FetchLike = async (_url, init) => {
      auth.push(new Headers(init?.headers).get('authorization'));
      if (!up) throw new TypeError('offline');
      return new Response(
        JSON.stringify({ flags: { backtest: true }, updatedAt: '2026-01-01T00:00:00.000Z' }),
      );
    };
    const flags = createFlagsClient({
      baseUrl: 'http://p.test',
      productId: 'x',
      fetch,
      defaults: { backtest: false, 'tabs.ledger': true },
      getAccessToken: async () => 'tok',
      refreshIntervalMs: 0,
    });
    expect(flags.getState()).toMatchObject({ source: 'default', flags: { backtest: false } });
    await flags.refresh();
    expect(flags.isEnabled('backtest')).toBe(true);
    expect(flags.isEnabled('tabs.ledger')).toBe(true);
    expect(flags.isEnabled('nope')).toBe(false);
    expect(auth).toEqual(['Bearer tok']);
    up = false;
    await flags.refresh();
    expect(flags.getState()).toMatchObject({
      source: 'platform',
      stale: true,
      flags: { backtest: true },
    });
  });
});

describe('telemetry batcher', () => {
  const memoryStorage = () => {
    const data = new Map<string, string>();
    return {
      data,
      getItem: async (k: string) => data.get(k) ?? null,
      setItem: async (k: string, v: string) => void data.set(k, v),
      removeItem: async (k: string) => void data.delete(k),
    };
  };

  it('queues offline, persists the queue across restarts and sends it in batches when back', async () => {
    const storage = memoryStorage();
    let up = false;
    const batches: number[] = [];
    const fetch: FetchLike = async (_url, init) => {
      if (!up) throw new TypeError('offline');
      const n = (JSON.parse(init?.body as string) as { events: unknown[] }).events.length;
      batches.push(n);
      return new Response(JSON.stringify({ accepted: n }), { status: 202 });
    };
    const opts = {
      baseUrl: 'http://p.test',
      surface: 'web' as const,
      appVersion: '0.1.0',
      fetch,
      storage,
      maxBatch: 2,
    };
    const t1 = createTelemetry({ ...opts, sessionId: 's-1' });
    for (const name of ['a.one', 'a.two', 'a.three']) t1.track(name, { n: 1 });
    t1.track('Not Valid Name');
    expect(await t1.flush()).toEqual({ sent: 0, pending: 3 });
    expect(JSON.parse(storage.data.get('bytelyst.telemetry.queue') ?? '[]')).toHaveLength(3);

    // The app restarts while still offline; the queue comes back from storage.
    const t2 = createTelemetry({ ...opts, sessionId: 's-2' });
    await t2.ready();
    expect(t2.pending()).toBe(3);
    up = true;
    expect(await t2.flush()).toEqual({ sent: 3, pending: 0 });
    expect(batches).toEqual([2, 1]);
    expect(storage.data.has('bytelyst.telemetry.queue')).toBe(false);
  });

  it('drops a batch the platform rejects as invalid instead of retrying it forever', async () => {
    const fetch: FetchLike = async () =>
      new Response(
        JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'bad', requestId: 'r' } }),
        { status: 400 },
      );
    const t = createTelemetry({
      baseUrl: 'http://p.test',
      surface: 'mobile',
      appVersion: '1',
      fetch,
    });
    t.track('x.y');
    expect(await t.flush()).toEqual({ sent: 0, pending: 0 });
  });
});
