import {
  ErrorEnvelopeSchema,
  PRODUCT,
  type PlatformAuditEvent,
  type PlatformUser,
} from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../storage/db.js';
import { bearer, startHarness, type Harness } from '../test-support/harness.js';

/** Operators run the product; a tenant admin runs one tenant; disabling ends sessions. */
describe('platform roles', () => {
  let h: Harness;
  let operator: string;
  let acmeAdmin: string;
  beforeAll(async () => {
    h = await startHarness({ name: 'pglite', open: () => openPglite({ dataDir: 'memory://' }) });
    operator = (await h.login('admin@demo.bytelyst.test')).accessToken;
    acmeAdmin = (await h.login('acme-admin@acme.demo.test')).accessToken;
  });
  afterAll(async () => h?.close());

  const req = (method: 'GET' | 'PUT' | 'POST', url: string, token: string, payload?: object) =>
    h.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
  const code = (res: { body: string }) =>
    ErrorEnvelopeSchema.parse(JSON.parse(res.body)).error.code;

  it('keeps product-wide controls to operators', async () => {
    const status = { enabled: true, reason: 'role check' };
    const url = `/products/${PRODUCT.productId}/status`;
    expect((await req('PUT', url, acmeAdmin, status)).statusCode).toBe(403);
    expect((await req('PUT', url, operator, status)).statusCode).toBe(200);
    expect((await req('GET', '/admin/tenants', acmeAdmin)).statusCode).toBe(403);
    expect((await req('POST', '/admin/keys/rotate', acmeAdmin)).statusCode).toBe(403);
  });

  it("shows a tenant admin their own tenant's users and audit only", async () => {
    const users = h.json<{ items: PlatformUser[] }>(
      await req('GET', '/admin/users?tenantId=globex', acmeAdmin),
    ).items;
    expect(new Set(users.map((u) => u.tenantId))).toEqual(new Set(['acme']));
    const audit = h.json<{ items: PlatformAuditEvent[] }>(
      await req('GET', '/admin/audit?limit=500', acmeAdmin),
    ).items;
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.tenantId === 'acme')).toBe(true);
    const create = await req('POST', '/admin/users', acmeAdmin, {
      tenantId: 'globex',
      email: 'mallory@globex.test',
      password: 'a-long-password-1',
    });
    expect(create.statusCode).toBe(403);
  });

  it('lets a tenant admin disable a user of their tenant (sessions end), not of another', async () => {
    const alice = await h.login('alice@acme.demo.test');
    const off = await req('PUT', '/admin/users/u-alice/disabled', acmeAdmin, {
      disabled: true,
      reason: 'left the company',
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(h.json<PlatformUser>(off).disabled).toBe(true);
    const refresh = await h.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refreshToken: alice.refreshToken },
    });
    expect(code(refresh)).toBe('TOKEN_INVALID');
    const feed = h.json<{ items: unknown[] }>(await h.app.inject({ url: '/auth/revocations' }));
    expect(feed.items.length).toBeGreaterThan(0);
    await expect(h.login('alice@acme.demo.test')).rejects.toThrow(/401/);
    const foreign = await req('PUT', '/admin/users/u-bob/disabled', acmeAdmin, {
      disabled: true,
      reason: 'not mine',
    });
    expect(foreign.statusCode).toBe(404);
    const on = await req('PUT', '/admin/users/u-alice/disabled', acmeAdmin, {
      disabled: false,
      reason: 'came back',
    });
    expect(on.statusCode).toBe(200);
    expect((await h.login('alice@acme.demo.test')).user.id).toBe('u-alice');
    const rows = h.json<{ items: PlatformAuditEvent[] }>(
      await req('GET', '/admin/audit?action=user.disable', operator),
    ).items;
    expect(rows[0]).toMatchObject({
      actor: { id: 'u-acme-admin', type: 'tenant_admin' },
      target: 'user:u-alice',
      reason: 'left the company',
    });
  });

  it('lets an operator disable a tenant: its people cannot sign in until re-enabled', async () => {
    const body = { disabled: true, reason: 'unpaid invoices' };
    expect((await req('PUT', '/admin/tenants/globex/disabled', acmeAdmin, body)).statusCode).toBe(
      403,
    );
    expect((await req('PUT', '/admin/tenants/globex/disabled', operator, body)).statusCode).toBe(
      200,
    );
    await expect(h.login('bob@globex.demo.test')).rejects.toThrow(/401/);
    await req('PUT', '/admin/tenants/globex/disabled', operator, {
      disabled: false,
      reason: 'paid',
    });
    expect((await h.login('bob@globex.demo.test')).user.id).toBe('u-bob');
  });
});
