import {
  createFlagsClient,
  createPlatformClient,
  createProductStatusWatcher,
  memorySessionStore,
  type EventSourceLike,
  type FetchLike,
} from '@bytelyst/platform-sdk';
import type { ProductStatus } from '@bytelyst/trading-contracts';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthProvider } from './auth-provider.js';
import { useAuth, useFeatureFlags } from './hooks.js';
import { ProductGate } from './product-gate.js';

afterEach(cleanup);

const status = (version: number, patch: Partial<ProductStatus> = {}): ProductStatus => ({
  productId: 'bytelyst-trading',
  enabled: true,
  maintenance: { active: false, message: null, expectedEndAt: null },
  version,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...patch,
});

/** The platform at the network boundary: a status endpoint, a push stream, login and flags. */
function fakePlatform() {
  const streams: FakeEventSource[] = [];
  const world = { status: status(1), up: true };
  class FakeEventSource implements EventSourceLike {
    readyState = 1;
    onerror: ((e: unknown) => void) | null = null;
    private handlers: ((e: { data?: unknown }) => void)[] = [];
    constructor(readonly url: string) {
      streams.push(this);
    }
    addEventListener(_type: string, fn: (e: { data?: unknown }) => void) {
      this.handlers.push(fn);
    }
    close() {
      this.readyState = 2;
    }
    push(s: ProductStatus) {
      for (const h of this.handlers) h({ data: JSON.stringify(s) });
    }
  }
  const fetch: FetchLike = async (url) => {
    if (!world.up) throw new TypeError('fetch failed');
    const path = new URL(url).pathname;
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
    if (path.endsWith('/status')) return json(world.status);
    if (path.endsWith('/flags'))
      return json({ flags: { backtest: true }, updatedAt: '2026-01-01T00:00:00.000Z' });
    if (path === '/auth/login') {
      return json({
        accessToken: 'a1',
        refreshToken: 'r1',
        tokenType: 'Bearer',
        expiresIn: 900,
        user: {
          id: 'u-alice',
          tenantId: 'acme',
          email: 'alice@acme.demo.test',
          displayName: 'Alice',
          role: 'user',
        },
      });
    }
    return new Response('{}', { status: 404 });
  };
  /** What the platform does when an admin flips the switch: new status, pushed to every stream. */
  const set = (s: ProductStatus) => {
    world.status = s;
    act(() => {
      for (const es of streams) if (es.readyState !== 2) es.push(s);
    });
  };
  return { fetch, FakeEventSource, streams, world, set };
}

function setup() {
  const p = fakePlatform();
  const client = createPlatformClient({
    baseUrl: 'http://platform.test',
    productId: 'bytelyst-trading',
    sessionStore: memorySessionStore(),
    fetch: p.fetch,
  });
  const statusWatcher = createProductStatusWatcher({
    baseUrl: 'http://platform.test',
    productId: 'bytelyst-trading',
    fetch: p.fetch,
    EventSource: p.FakeEventSource,
  });
  const flagsClient = createFlagsClient({
    baseUrl: 'http://platform.test',
    productId: 'bytelyst-trading',
    fetch: p.fetch,
    getAccessToken: () => client.getAccessToken(),
    refreshIntervalMs: 0,
  });
  return { p, client, statusWatcher, flagsClient };
}

let shellMounts = 0;
function Shell() {
  const { status, user, degraded, signIn } = useAuth();
  const flags = useFeatureFlags();
  const [mounted] = useState(() => ++shellMounts);
  return (
    <main>
      <p>shell {mounted}</p>
      <p>auth: {status}</p>
      <p>user: {user?.id ?? 'none'}</p>
      <p>degraded: {String(degraded)}</p>
      <p>backtest: {String(flags.isEnabled('backtest'))}</p>
      <button onClick={() => void signIn({ email: 'alice@acme.demo.test', password: 'x' })}>
        sign in
      </button>
    </main>
  );
}

describe('ProductGate', () => {
  it('blocks on the kill switch and maintenance and lifts itself on recovery, without a reload', async () => {
    const { p, client, statusWatcher, flagsClient } = setup();
    let renders = 0;
    function Counter() {
      renders += 1;
      return null;
    }
    render(
      <AuthProvider client={client} statusWatcher={statusWatcher} flagsClient={flagsClient}>
        <Counter />
        <ProductGate loading={<p>checking availability</p>}>
          <Shell />
        </ProductGate>
      </AuthProvider>,
    );
    expect(screen.getByText('checking availability')).toBeTruthy();
    await screen.findByText('auth: signedOut');
    await waitFor(() => expect(p.streams).toHaveLength(1));

    p.set(status(2, { enabled: false }));
    expect(screen.getByTestId('product-gate-blocked').textContent).toContain('unavailable');
    expect(screen.queryByText(/^shell/)).toBeNull();

    p.set(
      status(3, {
        maintenance: {
          active: true,
          message: 'Upgrading the exchange link',
          expectedEndAt: '2030-01-01T10:00:00.000Z',
        },
      }),
    );
    const blocked = screen.getByTestId('product-gate-blocked');
    expect(blocked.textContent).toContain('Upgrading the exchange link');
    expect(blocked.querySelector('time')?.getAttribute('dateTime')).toBe(
      '2030-01-01T10:00:00.000Z',
    );

    p.set(status(4));
    expect(screen.getByText('auth: signedOut')).toBeTruthy();
    expect(screen.queryByTestId('product-gate-blocked')).toBeNull();
    // The provider above the gate was never remounted: the page did not reload.
    expect(renders).toBe(1);
  });

  it("uses the host's fallback (how React Native supplies its own visuals)", async () => {
    const { p, client, statusWatcher } = setup();
    p.world.status = status(1, { enabled: false });
    render(
      <AuthProvider client={client} statusWatcher={statusWatcher}>
        <ProductGate fallback={(b) => <span>custom: {b.reason}</span>}>
          <Shell />
        </ProductGate>
      </AuthProvider>,
    );
    expect(await screen.findByText('custom: disabled')).toBeTruthy();
  });
});

describe('useAuth and useFeatureFlags', () => {
  it('signs in, refreshes flags for the new session, and reports a platform outage as degraded', async () => {
    const { p, client, statusWatcher, flagsClient } = setup();
    render(
      <AuthProvider client={client} statusWatcher={statusWatcher} flagsClient={flagsClient}>
        <Shell />
      </AuthProvider>,
    );
    await screen.findByText('auth: signedOut');
    await screen.findByText('backtest: true');
    await act(async () => screen.getByText('sign in').click());
    await screen.findByText('auth: signedIn');
    expect(screen.getByText('user: u-alice')).toBeTruthy();

    p.world.up = false;
    await act(async () => p.streams[0]?.onerror?.({}));
    await screen.findByText('degraded: true');
    expect(screen.getByText('auth: signedIn')).toBeTruthy();
  });
});
