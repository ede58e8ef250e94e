import { describe, expect, it } from 'vitest';
import { createPlatformAdmin } from './admin-client.js';
import { PlatformRequestError } from './http.js';
import { createPlatformClient } from './platform-client.js';
import { memorySessionStore } from './session-store.js';

const AT = '2026-12-07T05:00:00.000Z';
const tenant = { id: 'acme', name: 'Acme', disabled: true, createdAt: AT };
const user = {
  id: 'u-bob',
  tenantId: 'acme',
  email: 'bob@acme.demo.test',
  displayName: null,
  role: 'user',
  disabled: false,
  createdAt: AT,
};
const status = {
  productId: 'bytelyst-trading',
  enabled: false,
  maintenance: { active: false, message: null, expectedEndAt: null },
  version: 3,
  updatedAt: AT,
};

/** The real client, signed in, against a stand-in that records requests and answers per path. */
async function admin(answer: (path: string, method: string) => Response) {
  const calls: {
    path: string;
    search: string;
    method: string;
    auth: string | null;
    body: unknown;
  }[] = [];
  const client = createPlatformClient({
    baseUrl: 'http://platform.test/',
    productId: 'bytelyst-trading',
    sessionStore: memorySessionStore({
      accessToken: 'access-op',
      refreshToken: 'refresh-op',
      expiresAt: Date.now() + 3_600_000,
      user: {
        id: 'u-op',
        tenantId: 'ops',
        email: 'op@ops.demo.test',
        displayName: null,
        role: 'operator',
      },
    }),
    fetch: (url, init = {}) => {
      const u = new URL(url);
      const method = init.method ?? 'GET';
      calls.push({
        path: u.pathname,
        search: u.search,
        method,
        auth: new Headers(init.headers).get('authorization'),
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      });
      return Promise.resolve(answer(u.pathname, method));
    },
  });
  return { api: createPlatformAdmin(client), calls };
}

describe('platform admin client', () => {
  it('disables a tenant and a user with the reason, as the signed-in caller', async () => {
    const { api, calls } = await admin((path) =>
      Response.json(path.startsWith('/admin/tenants') ? tenant : user),
    );
    expect(await api.setTenantDisabled('acme', { disabled: true, reason: 'fraud INC-9' })).toEqual(
      tenant,
    );
    expect((await api.setUserDisabled('u-bob', { disabled: false, reason: 'cleared' })).id).toBe(
      'u-bob',
    );
    expect(calls).toEqual([
      {
        path: '/admin/tenants/acme/disabled',
        search: '',
        method: 'PUT',
        auth: 'Bearer access-op',
        body: { disabled: true, reason: 'fraud INC-9' },
      },
      {
        path: '/admin/users/u-bob/disabled',
        search: '',
        method: 'PUT',
        auth: 'Bearer access-op',
        body: { disabled: false, reason: 'cleared' },
      },
    ]);
  });

  it('lists tenants, users of a tenant and audit rows of one action', async () => {
    const { api, calls } = await admin((path) =>
      Response.json({
        items: path === '/admin/tenants' ? [tenant] : path === '/admin/users' ? [user] : [],
      }),
    );
    expect(await api.listTenants()).toEqual([tenant]);
    expect(await api.listUsers({ tenantId: 'acme' })).toEqual([user]);
    expect(await api.listAudit({ action: 'product.status_set', limit: 20 })).toEqual([]);
    expect(calls.map((c) => `${c.method} ${c.path}${c.search}`)).toEqual([
      'GET /admin/tenants',
      'GET /admin/users?tenantId=acme',
      'GET /admin/audit?action=product.status_set&limit=20',
    ]);
  });

  it("sets the product's status on the client's product", async () => {
    const { api, calls } = await admin(() => Response.json(status));
    const body = { enabled: false, reason: 'exchange outage' };
    expect(await api.setProductStatus(body)).toEqual(status);
    expect(calls[0]).toMatchObject({
      path: '/products/bytelyst-trading/status',
      method: 'PUT',
      body,
    });
  });

  it('turns a refusal into a PlatformRequestError with code and request id', async () => {
    const { api } = await admin(() =>
      Response.json(
        { error: { code: 'FORBIDDEN', message: 'Operators only.', requestId: 'req-42' } },
        { status: 403 },
      ),
    );
    const err = await api
      .setTenantDisabled('acme', { disabled: true, reason: 'x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformRequestError);
    expect(err).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403, requestId: 'req-42' });
  });

  it('refuses an answer outside the contract', async () => {
    const { api } = await admin(() => Response.json({ items: [{ id: 'acme' }] }));
    await expect(api.listTenants()).rejects.toThrow('outside its contract');
  });
});
