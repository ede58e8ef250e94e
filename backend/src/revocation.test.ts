import type { AddressInfo } from 'node:net';
import {
  buildApp,
  createPlatform,
  DEMO_PASSWORD,
  openPglite,
  systemClock,
  TEST_COST,
} from '@bytelyst/platform-service';
import { PRODUCT, TokenPair } from '@bytelyst/trading-contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  connectSocket,
  eventually,
  startTestBackend,
  type TestBackend,
} from '../test-support/backend-harness.js';

const ISSUER = 'http://platform.revocation.test';
/** The delay docs/PLATFORM.md states: one poll (2 s) plus one request (3 s timeout). */
const STATED_DELAY_MS = 5000;

/**
 * Sign-out on the real platform reaches the backend through the revocation feed: the old access
 * token is refused and its socket ended within the stated delay, with no call per request.
 */
describe('revocation reaches the backend', () => {
  let platformApp: FastifyInstance;
  let closePlatform: () => Promise<void>;
  let platformUrl: string;
  let b: TestBackend;

  beforeAll(async () => {
    const platform = await createPlatform({
      db: await openPglite({ dataDir: 'memory://' }),
      clock: systemClock,
      config: {
        issuer: ISSUER,
        audience: PRODUCT.productId,
        accessTtlS: 900,
        refreshTtlS: 86_400,
        resetUrlBase: 'http://web.test/reset',
        seedDemo: true,
        hasherCost: TEST_COST,
      },
    });
    platformApp = await buildApp({ platform, logLevel: 'silent' });
    await platformApp.listen({ host: '127.0.0.1', port: 0 });
    platformUrl = `http://127.0.0.1:${(platformApp.server.address() as AddressInfo).port}`;
    closePlatform = async () => {
      await platformApp.close();
      await platform.close();
    };
    b = await startTestBackend({
      speed: 10,
      revocations: 'platform',
      env: {
        PLATFORM_API_URL: platformUrl,
        PLATFORM_JWT_PUBLIC_KEY: '',
        PLATFORM_JWT_JWKS_URL: `${platformUrl}/.well-known/jwks.json`,
        PLATFORM_JWT_ISSUER: ISSUER,
        PLATFORM_REVOCATION_POLL_MS: '2000',
      },
    });
  });

  afterAll(async () => {
    await b?.stop();
    await closePlatform?.();
  });

  const signIn = async () => {
    const res = await fetch(`${platformUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alice@acme.demo.test', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    return TokenPair.parse(await res.json());
  };

  it('refuses the signed-out token and ends its socket within the stated delay', async () => {
    const pair = await signIn();
    const other = await signIn();
    expect((await call(b, { path: '/api/profiles', token: pair.accessToken })).status).toBe(200);
    const socket = connectSocket(b, '/trading', pair.accessToken);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const ended = new Promise<{ reason: string }>((resolve) =>
      socket.once('session_ended', resolve),
    );
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));

    const out = await fetch(`${platformUrl}/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pair.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: pair.refreshToken }),
    });
    expect(out.status).toBe(204);
    const signedOutAt = Date.now();

    await eventually(async () => {
      const r = await call(b, { path: '/api/profiles', token: pair.accessToken });
      expect(r.status).toBe(401);
    }, STATED_DELAY_MS);
    expect(Date.now() - signedOutAt).toBeLessThanOrEqual(STATED_DELAY_MS);
    expect(await ended).toEqual({ reason: 'revoked' });
    await disconnected;
    // The same user's other session is untouched, and a write with the old token is refused too.
    expect((await call(b, { path: '/api/profiles', token: other.accessToken })).status).toBe(200);
    const write = await call(b, {
      method: 'POST',
      path: '/api/profiles/p-alice-btc-trend/disable',
      token: pair.accessToken,
    });
    expect(write.status).toBe(401);
    socket.close();
  });
});
