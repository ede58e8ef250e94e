import {
  createPlatformClient,
  createProductStatusWatcher,
  memorySessionStore,
  type FetchLike,
} from '@bytelyst/platform-sdk';
import { PRODUCT } from '@bytelyst/trading-contracts';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPglite } from './storage/db.js';
import { bearer, startHarness, type Harness } from './test-support/harness.js';

/** The SDK against the real service over a real port (SSE needs a socket, not inject). */
describe('platform SDK against the running service', () => {
  let h: Harness;
  let base: string;
  const counts = new Map<string, number>();
  const countingFetch: FetchLike = (url, init) => {
    const path = new URL(url).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    return fetch(url, init);
  };
  let sdkNow = Date.now();
  const sdkClock = { now: () => sdkNow };

  beforeAll(async () => {
    h = await startHarness({ name: 'pglite', open: () => openPglite({ dataDir: 'memory://' }) });
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => h?.close());

  const newClient = () =>
    createPlatformClient({
      baseUrl: base,
      productId: PRODUCT.productId,
      sessionStore: memorySessionStore(),
      fetch: countingFetch,
      clock: sdkClock,
    });

  it('20 concurrent requests with an expired access token cause exactly one refresh', async () => {
    const client = newClient();
    await client.signIn({ email: 'alice@acme.demo.test', password: 'demo-password-1' });
    const first = (await client.getSession())?.accessToken;
    sdkNow += 16 * 60_000;
    h.clock.advance(16 * 60_000);
    counts.clear();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => client.authorizedFetch(`${base}/auth/sessions`)),
    );
    expect(counts.get('/auth/refresh')).toBe(1);
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect((await client.getSession())?.accessToken).not.toBe(first);
    expect(responses.every((r) => r.headers.get('x-request-id'))).toBe(true);
  });

  it('a product kill switch reaches a connected watcher by push, and lifting it too', async () => {
    counts.clear();
    const watcher = createProductStatusWatcher({
      baseUrl: base,
      productId: PRODUCT.productId,
      fetch: countingFetch,
      // Polling is pushed far out: within the test window only the SSE push can deliver.
      pollIntervalMs: 10 * 60_000,
    });
    watcher.start();
    await vi.waitFor(() => expect(watcher.getState().state).toBe('ok'));
    const admin = await h.login('admin@demo.bytelyst.test');
    const put = (enabled: boolean) =>
      h.app.inject({
        method: 'PUT',
        url: `/products/${PRODUCT.productId}/status`,
        headers: bearer(admin.accessToken),
        payload: { enabled, reason: enabled ? 'all clear' : 'incident drill' },
      });
    await waitForStream(h);
    expect((await put(false)).statusCode).toBe(200);
    await vi.waitFor(() => expect(watcher.getState().status?.enabled).toBe(false), {
      timeout: 1000,
      interval: 10,
    });
    expect((await put(true)).statusCode).toBe(200);
    await vi.waitFor(() => expect(watcher.getState().status?.enabled).toBe(true), {
      timeout: 1000,
      interval: 10,
    });
    // One initial read and one stream: nothing was polled or reconnected in between.
    const statusPath = `/products/${PRODUCT.productId}/status`;
    expect([counts.get(statusPath), counts.get(`${statusPath}/stream`)]).toEqual([1, 1]);
    watcher.stop();
  });

  it('a platform outage is reported as degraded, not as signed out', async () => {
    const client = newClient();
    await client.signIn({ email: 'bob@globex.demo.test', password: 'demo-password-1' });
    await h.app.close();
    sdkNow += 16 * 60_000;
    await client.getAccessToken();
    expect(client.getState()).toMatchObject({ status: 'signedIn', degraded: true });
    expect((await client.getSession())?.user.id).toBe('u-bob');
  });
});

/** Waits until the service has a live SSE subscriber (the watcher's stream is connected). */
async function waitForStream(h: Harness): Promise<void> {
  const status = h.platform.status as unknown as { listeners: Map<string, Set<unknown>> };
  await vi.waitFor(() =>
    expect(status.listeners.get(PRODUCT.productId)?.size ?? 0).toBeGreaterThan(0),
  );
}
