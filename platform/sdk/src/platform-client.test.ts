import { AppError } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { PlatformRequestError, PlatformUnreachableError } from './http.js';
import { createPlatformClient } from './platform-client.js';
import { keyValueSessionStore, memorySessionStore } from './session-store.js';
import { fakePlatform, manualClock } from './test-fakes.js';

const BASE = 'http://platform.test/';

/** A client whose platform answers every request with `body` and `status`. */
const answering = (status: number, body: unknown) =>
  createPlatformClient({
    baseUrl: BASE,
    productId: 'x',
    sessionStore: memorySessionStore(),
    fetch: () =>
      Promise.resolve(
        new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }),
      ),
  });

/** The error a promise rejects with. */
const rejectionOf = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

async function signedIn() {
  const p = fakePlatform();
  const clock = manualClock();
  const client = createPlatformClient({
    baseUrl: BASE,
    productId: 'bytelyst-trading',
    sessionStore: memorySessionStore(),
    fetch: p.fetch,
    clock,
  });
  await client.signIn({ email: 'alice@acme.demo.test', password: 'x' });
  return { p, clock, client };
}

describe('platform client', () => {
  it('starts loading, then signed out, then signed in with a stored session', async () => {
    const p = fakePlatform();
    const store = memorySessionStore();
    const client = createPlatformClient({
      baseUrl: BASE,
      productId: 'x',
      sessionStore: store,
      fetch: p.fetch,
    });
    expect(client.getState().status).toBe('loading');
    await client.ready();
    expect(client.getState().status).toBe('signedOut');
    const seen: (string | null)[] = [];
    client.onSessionChange((s) => seen.push(s?.user.id ?? null));
    await client.signIn({ email: 'a@b.test', password: 'x' });
    expect(client.getState().status).toBe('signedIn');
    expect((await store.load())?.accessToken).toBe('access-1');
    await client.signOut();
    expect(seen).toEqual(['u-alice', null]);
    expect(await store.load()).toBeNull();
    expect(p.count('/auth/logout')).toBe(1);
  });

  it('refreshes exactly once for 20 concurrent requests with an expiring token', async () => {
    const { p, clock, client } = await signedIn();
    clock.advance(16 * 60_000);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.authorizedFetch(`http://backend.test/api/${i}`)),
    );
    expect(p.count('/auth/refresh')).toBe(1);
    const apiCalls = p.calls.filter((c) => c.url.includes('/api/'));
    expect(apiCalls).toHaveLength(20);
    expect(apiCalls.every((c) => c.headers.get('authorization') === 'Bearer access-2')).toBe(true);
    expect(new Set(apiCalls.map((c) => c.headers.get('x-request-id'))).size).toBe(20);
    expect(results.every((r) => r.status === 200)).toBe(true);
  });

  it('refreshes within 60 s of expiry but not before', async () => {
    const { p, clock, client } = await signedIn();
    clock.advance(900_000 - 61_000);
    expect(await client.getAccessToken()).toBe('access-1');
    clock.advance(2000);
    expect(await client.getAccessToken()).toBe('access-2');
    expect(p.count('/auth/refresh')).toBe(1);
  });

  it("on a 401 from an API refreshes once and retries once, keeping the caller's request id", async () => {
    const { p, client } = await signedIn();
    p.state.backendAccepts = (t) => t !== 'access-1';
    const res = await client.authorizedFetch('http://backend.test/api/x', {
      headers: { 'x-request-id': 'mine-1' },
    });
    expect(res.status).toBe(200);
    expect(p.count('/auth/refresh')).toBe(1);
    const api = p.calls.filter((c) => c.url.includes('/api/'));
    expect(api.map((c) => c.headers.get('x-request-id'))).toEqual(['mine-1', 'mine-1']);

    p.state.backendAccepts = () => false;
    const still = await client.authorizedFetch('http://backend.test/api/y');
    expect(still.status).toBe(401);
    expect(p.count('/auth/refresh')).toBe(2);
    expect(p.calls.filter((c) => c.url.endsWith('/api/y'))).toHaveLength(2);
  });

  it('reports a platform outage as degraded and keeps the session', async () => {
    const { p, clock, client } = await signedIn();
    p.state.down = true;
    clock.advance(16 * 60_000);
    expect(await client.getAccessToken()).toBe('access-1');
    expect(client.getState()).toMatchObject({ status: 'signedIn', degraded: true });
    p.state.down = false;
    p.state.refreshStatus = 503;
    await client.refresh();
    expect(client.getState()).toMatchObject({ status: 'signedIn', degraded: true });
    p.state.refreshStatus = 200;
    await client.refresh();
    expect(client.getState()).toMatchObject({ status: 'signedIn', degraded: false });
  });

  it('signs out only when the platform rejects the refresh token (401)', async () => {
    const { p, client } = await signedIn();
    p.state.refreshStatus = 401;
    expect(await client.refresh()).toBeNull();
    expect(client.getState()).toMatchObject({ status: 'signedOut', degraded: false });
  });

  it('reads web storage back and treats a corrupt entry as no session', async () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    const p = fakePlatform();
    const a = createPlatformClient({
      baseUrl: BASE,
      productId: 'x',
      sessionStore: keyValueSessionStore(storage),
      fetch: p.fetch,
    });
    await a.signIn({ email: 'a@b.test', password: 'x' });
    const b = createPlatformClient({
      baseUrl: BASE,
      productId: 'x',
      sessionStore: keyValueSessionStore(storage),
      fetch: p.fetch,
    });
    expect((await b.getSession())?.user.id).toBe('u-alice');
    data.set('bytelyst.platform.session', '{"accessToken":');
    const c = createPlatformClient({
      baseUrl: BASE,
      productId: 'x',
      sessionStore: keyValueSessionStore(storage),
      fetch: p.fetch,
    });
    await c.ready();
    expect(c.getState().status).toBe('signedOut');
  });

  it('a 429 is transient (the session stays) but keeps the code, retry-after and request id', async () => {
    const envelope = {
      error: {
        code: 'RATE_LIMITED',
        message: 'Too many requests; slow down.',
        requestId: 'req-429',
        details: { retryAfterSeconds: 42 },
      },
    };
    const err = await rejectionOf(
      answering(429, envelope).signIn({ email: 'a@b.test', password: 'x' }),
    );
    expect(err).toBeInstanceOf(PlatformUnreachableError);
    expect(err).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      requestId: 'req-429',
      message: 'Too many requests; slow down.',
      details: { retryAfterSeconds: 42 },
    });
    // Without an envelope (a proxy's 502), the status is all there is.
    const err2 = await rejectionOf(
      answering(502, 'bad gateway').signIn({ email: 'a@b.test', password: 'x' }),
    );
    expect(err2).toMatchObject({
      status: 502,
      code: null,
      requestId: null,
      message: 'The platform answered 502.',
    });
  });

  it('a refused reset keeps the server code and carries the request id of the trace', async () => {
    const envelope = {
      error: { code: 'TOKEN_INVALID', message: 'The reset link is invalid.', requestId: 'req-9' },
    };
    const err = await rejectionOf(
      answering(401, envelope).confirmPasswordReset({
        token: 't'.repeat(32),
        newPassword: 'long-enough-1',
      }),
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toBeInstanceOf(PlatformRequestError);
    expect(err).toMatchObject({ code: 'TOKEN_INVALID', requestId: 'req-9', httpStatus: 401 });
  });
});
