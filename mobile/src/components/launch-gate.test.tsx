import {
  createFlagsClient,
  createPlatformClient,
  createProductStatusWatcher,
  memorySessionStore,
  type FetchLike,
} from '@bytelyst/platform-sdk';
import { AuthProvider } from '@bytelyst/react-auth';
import type { ProductStatus } from '@bytelyst/trading-contracts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LastStatus } from '../platform/last-status';
import { LaunchGate } from './launch-gate';

afterEach(cleanup);

const status = (patch: Partial<ProductStatus> = {}): ProductStatus => ({
  productId: 'bytelyst-trading',
  enabled: true,
  maintenance: { active: false, message: null, expectedEndAt: null },
  version: 4,
  updatedAt: '2026-12-07T17:00:00.000Z',
  ...patch,
});

/** The real SDK against a platform that is down, or that answers `live`. */
function renderGate(opts: { live: ProductStatus | null; last: LastStatus | null }) {
  const fetch: FetchLike = async (url) => {
    if (!opts.live) throw new TypeError('fetch failed');
    if (new URL(url).pathname.endsWith('/status'))
      return new Response(JSON.stringify(opts.live), { status: 200 });
    return new Response('{}', { status: 404 });
  };
  const base = { baseUrl: 'http://platform.test', productId: 'bytelyst-trading', fetch };
  const client = createPlatformClient({ ...base, sessionStore: memorySessionStore() });
  const statusWatcher = createProductStatusWatcher({
    ...base,
    EventSource: null,
    fetchStreaming: false,
  });
  const flagsClient = createFlagsClient({
    ...base,
    getAccessToken: () => client.getAccessToken(),
    refreshIntervalMs: 0,
  });
  render(
    <AuthProvider client={client} statusWatcher={statusWatcher} flagsClient={flagsClient}>
      <LaunchGate lastAtLaunch={Promise.resolve(opts.last)}>
        <p>app shell</p>
      </LaunchGate>
    </AuthProvider>,
  );
  return () => statusWatcher.stop();
}

const AT = '2026-12-07T17:05:00.000Z';

describe('LaunchGate', () => {
  it('relaunched with the platform down after the kill switch: blocked, with the time', async () => {
    const stop = renderGate({ live: null, last: { status: status({ enabled: false }), at: AT } });
    const blocked = await screen.findByTestId('product-gate-blocked');
    expect(blocked.textContent).toContain('The product is unavailable');
    expect(screen.getByTestId('blocked-last-known').textContent).toContain(
      'cannot be reached right now',
    );
    expect(screen.queryByText('app shell')).toBeNull();
    stop();
  });

  it('relaunched with the platform down during maintenance: the maintenance screen', async () => {
    const last = {
      status: status({ maintenance: { active: true, message: 'DB upgrade', expectedEndAt: null } }),
      at: AT,
    };
    const stop = renderGate({ live: null, last });
    expect((await screen.findByTestId('product-gate-blocked')).textContent).toContain('DB upgrade');
    stop();
  });

  it('opens degraded when the last status was available or nothing is stored', async () => {
    const a = renderGate({ live: null, last: { status: status(), at: AT } });
    expect(await screen.findByText('app shell')).toBeTruthy();
    a();
    cleanup();
    const b = renderGate({ live: null, last: null });
    expect(await screen.findByText('app shell')).toBeTruthy();
    b();
  });

  it('follows the live status once the platform answers, whatever was stored', async () => {
    const stop = renderGate({
      live: status(),
      last: { status: status({ enabled: false }), at: AT },
    });
    expect(await screen.findByText('app shell')).toBeTruthy();
    expect(screen.queryByTestId('product-gate-blocked')).toBeNull();
    stop();
  });
});
