/**
 * Authority without the platform: a backend restarted while the platform (its JWKS) is down
 * still verifies valid tokens with the key set it kept in the store, so an admin can HALT; and
 * the operator's break-glass credential halts (only halts), audited, whatever identity does.
 */
import { createServer, type Server } from 'node:http';
import { exportJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, testDatabaseUrl } from '../test-support/db.js';
import {
  call,
  mintToken,
  startTestBackend,
  testKeys,
  type TestBackend,
} from '../test-support/backend-harness.js';
import { freePort } from '../../test-support/net.js';
import { tenantScope } from './ports/store.js';

const dbUrl = testDatabaseUrl();
const BREAK_GLASS = 'bg-0123456789abcdef0123456789abcdef-operator';

describe.runIf(dbUrl)('authority while the platform is down', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let jwks: Server | null = null;
  let jwksUrl: string;
  let backend: TestBackend | null = null;
  let fetches = 0;

  const startJwks = async (port: number) => {
    const { keys } = await testKeys();
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'test', alg: 'RS256', use: 'sig' };
    const server = createServer((req, res) => {
      fetches++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    return server;
  };
  const start = () =>
    startTestBackend({
      databaseUrl: schema.url,
      schema: schema.schema,
      instanceId: 'auth-1',
      env: {
        PLATFORM_JWT_PUBLIC_KEY: '',
        PLATFORM_JWT_JWKS_URL: jwksUrl,
        BREAK_GLASS_TOKEN: BREAK_GLASS,
      },
    });

  beforeAll(async () => {
    schema = await createTestSchema();
    const port = await freePort();
    jwksUrl = `http://127.0.0.1:${port}/.well-known/jwks.json`;
    jwks = await startJwks(port);
  });
  afterAll(async () => {
    await backend?.stop();
    await new Promise((r) => (jwks ? jwks.close(r) : r(undefined)));
    await schema?.drop();
  });

  it('keeps the last good key set and HALTs with a valid token after a restart without the platform', async () => {
    backend = await start();
    const admin = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
    expect((await call(backend, { path: '/api/admin/trading-control', token: admin })).status).toBe(
      200,
    );
    expect(fetches).toBeGreaterThan(0);
    await backend.stop();

    // The platform goes away, then the backend starts again: nothing to fetch keys from.
    await new Promise((r) => jwks?.close(r));
    jwks = null;
    backend = await start();
    const fresh = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
    const halt = await call(backend, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: fresh,
      body: { scope: 'global', mode: 'HALTED', reason: 'platform down drill' },
    });
    expect(halt.status, JSON.stringify(halt.body)).toBe(200);
    expect(backend.parts.controls.current().global).toBe('HALTED');
    // A forged token still fails: the kept keys verify, they do not wave through.
    const forged = `${fresh.slice(0, -4)}AAAA`;
    expect(
      (await call(backend, { path: '/api/admin/trading-control', token: forged })).status,
    ).toBe(401);
  });

  it('break-glass halts without any token, only halts, and is audited', async () => {
    const b = backend;
    if (!b) throw new Error('no backend');
    const halt = await call(b, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: BREAK_GLASS,
      body: { scope: 'tenant', targetId: 'globex', mode: 'HALTED', reason: 'break-glass drill' },
    });
    expect(halt.status, JSON.stringify(halt.body)).toBe(200);
    expect(halt.body.actor).toEqual({ type: 'service', id: 'break-glass', tenantId: null });
    const resume = await call(b, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: BREAK_GLASS,
      body: { scope: 'tenant', targetId: 'globex', mode: 'RUNNING', reason: 'not allowed' },
    });
    expect(resume.status).toBe(403);
    expect((await call(b, { path: '/api/admin/audit', token: BREAK_GLASS })).status).toBe(403);
    const audit = await b.parts.store.listAudit(tenantScope('globex'), { limit: 20 });
    expect(
      audit.items.some(
        (e) =>
          e.actor.id === 'break-glass' &&
          e.action === 'control.set' &&
          e.reason === 'break-glass drill',
      ),
    ).toBe(true);
  });
});
