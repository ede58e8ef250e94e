import {
  ErrorEnvelopeSchema,
  PlatformFlagsResponse,
  ProductStatus,
  type PlatformAuditEvent,
  type TelemetryEvent,
} from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startHarness, type Harness } from '../test-support/harness.js';
import { testDatabases } from '../storage/test-db.js';

const P = '/products/bytelyst-trading';

describe.each(testDatabases())('product status, flags and telemetry on $name', (kind) => {
  let h: Harness;
  let admin: string;
  let alice: string;
  beforeAll(async () => {
    h = await startHarness(kind, { rateLimits: { telemetryPerMinute: 3 } });
    admin = (await h.login('admin@demo.bytelyst.test')).accessToken;
    alice = (await h.login('alice@acme.demo.test')).accessToken;
  });
  afterAll(async () => h?.close());
  const code = (res: { body: string }) =>
    ErrorEnvelopeSchema.parse(JSON.parse(res.body)).error.code;

  it('serves the status publicly; 404 for an unknown product', async () => {
    const res = await h.app.inject({ url: `${P}/status` });
    expect(ProductStatus.parse(JSON.parse(res.body))).toMatchObject({ enabled: true });
    const unknown = await h.app.inject({ url: '/products/nope/status' });
    expect(unknown.statusCode).toBe(404);
    expect(code(unknown)).toBe('NOT_FOUND');
  });

  it('lets only admins change the status, bumps the version and audits before/after', async () => {
    const body = { enabled: false, reason: 'exchange incident' };
    const anon = await h.app.inject({ method: 'PUT', url: `${P}/status`, payload: body });
    expect(anon.statusCode).toBe(401);
    const user = await h.app.inject({
      method: 'PUT',
      url: `${P}/status`,
      payload: body,
      headers: bearer(alice),
    });
    expect(code(user)).toBe('FORBIDDEN');

    const before = ProductStatus.parse(
      JSON.parse((await h.app.inject({ url: `${P}/status` })).body),
    );
    const off = await h.app.inject({
      method: 'PUT',
      url: `${P}/status`,
      payload: body,
      headers: { ...bearer(admin), 'x-request-id': 'kill-1' },
    });
    const status = ProductStatus.parse(JSON.parse(off.body));
    expect(status).toMatchObject({ enabled: false, version: before.version + 1 });

    const maint = await h.app.inject({
      method: 'PUT',
      url: `${P}/status`,
      headers: bearer(admin),
      payload: {
        enabled: true,
        maintenance: {
          active: true,
          message: 'Upgrading',
          expectedEndAt: '2030-01-01T00:00:00.000Z',
        },
        reason: 'planned upgrade',
      },
    });
    expect(ProductStatus.parse(JSON.parse(maint.body)).maintenance).toEqual({
      active: true,
      message: 'Upgrading',
      expectedEndAt: '2030-01-01T00:00:00.000Z',
    });

    const audit = h.json<{ items: PlatformAuditEvent[] }>(
      await h.app.inject({ url: '/admin/audit?action=product.status_set', headers: bearer(admin) }),
    ).items;
    const row = audit.find((e) => e.requestId === 'kill-1');
    expect(row).toMatchObject({
      reason: 'exchange incident',
      actor: { id: 'u-admin', type: 'operator' },
    });
    expect((row?.before as { enabled: boolean }).enabled).toBe(true);
    expect((row?.after as { enabled: boolean }).enabled).toBe(false);
    const { auditRepo } = await import('../storage/audit-repo.js');
    expect(await auditRepo.verifyChain(h.platform.db)).toBeNull();
  });

  it('evaluates flags with demo defaults, tenant and user targeting, and rollout', async () => {
    const anon = PlatformFlagsResponse.parse(
      JSON.parse((await h.app.inject({ url: `${P}/flags` })).body),
    );
    expect(anon.flags).toMatchObject({
      backtest: true,
      'tabs.marketplace': true,
      'ai.insights': false,
    });

    const put = await h.app.inject({
      method: 'PUT',
      url: `${P}/flags/ai.insights`,
      headers: bearer(admin),
      payload: {
        defaultValue: false,
        tenants: { acme: true },
        users: { 'u-alice': false },
        reason: 'pilot',
      },
    });
    expect(put.statusCode).toBe(200);
    const bob = (await h.login('bob@globex.demo.test')).accessToken;
    const admins = (await h.app.inject({ url: `${P}/flags`, headers: bearer(admin) })).body;
    const alices = (await h.app.inject({ url: `${P}/flags`, headers: bearer(alice) })).body;
    const bobs = (await h.app.inject({ url: `${P}/flags`, headers: bearer(bob) })).body;
    expect(JSON.parse(admins).flags['ai.insights']).toBe(true); // tenant acme
    expect(JSON.parse(alices).flags['ai.insights']).toBe(false); // user override wins
    expect(JSON.parse(bobs).flags['ai.insights']).toBe(false); // globex: default

    const rollout = await h.app.inject({
      method: 'PUT',
      url: `${P}/flags/tabs.membership`,
      headers: bearer(admin),
      payload: { key: 'tabs.membership', defaultValue: false, rolloutPercent: 100 },
    });
    expect(rollout.statusCode).toBe(200);
    expect(
      JSON.parse((await h.app.inject({ url: `${P}/flags`, headers: bearer(bob) })).body).flags[
        'tabs.membership'
      ],
    ).toBe(true);
    expect(
      JSON.parse((await h.app.inject({ url: `${P}/flags` })).body).flags['tabs.membership'],
    ).toBe(false);

    const mismatch = await h.app.inject({
      method: 'PUT',
      url: `${P}/flags/backtest`,
      headers: bearer(admin),
      payload: { key: 'other', defaultValue: true },
    });
    expect(code(mismatch)).toBe('VALIDATION_FAILED');
    const byUser = await h.app.inject({
      method: 'PUT',
      url: `${P}/flags/backtest`,
      headers: bearer(alice),
      payload: { defaultValue: false },
    });
    expect(code(byUser)).toBe('FORBIDDEN');
  });

  it('takes telemetry batches (validated, attributed from the token, rate-limited) and lets admins query', async () => {
    const event = (name: string): TelemetryEvent => ({
      name,
      surface: 'web',
      appVersion: '0.1.0',
      sessionId: 's-1',
      requestId: 'r-1',
      at: new Date().toISOString(),
      attributes: { screen: 'dashboard', ms: 12 },
    });
    const ok = await h.app.inject({
      method: 'POST',
      url: '/telemetry/events',
      headers: bearer(alice),
      payload: { events: [event('app.start'), event('screen.view')] },
    });
    expect(ok.statusCode).toBe(202);
    expect(JSON.parse(ok.body)).toEqual({ accepted: 2 });
    const bad = await h.app.inject({
      method: 'POST',
      url: '/telemetry/events',
      payload: { events: [{ ...event('x'), surface: 'fridge' }] },
    });
    expect(code(bad)).toBe('VALIDATION_FAILED');
    await h.app.inject({
      method: 'POST',
      url: '/telemetry/events',
      payload: { events: [event('anon.ping')] },
    });
    const limited = await h.app.inject({
      method: 'POST',
      url: '/telemetry/events',
      payload: { events: [event('x')] },
    });
    expect(limited.statusCode).toBe(429);
    expect(code(limited)).toBe('RATE_LIMITED');

    const denied = await h.app.inject({ url: '/admin/telemetry', headers: bearer(alice) });
    expect(denied.statusCode).toBe(403);
    const page1 = h.json<{
      items: { name: string; userId: string | null; tenantId: string | null }[];
      nextCursor: string | null;
    }>(await h.app.inject({ url: '/admin/telemetry?limit=2', headers: bearer(admin) }));
    expect(page1.items.map((e) => e.name)).toEqual(['anon.ping', 'screen.view']);
    expect(page1.items[1]).toMatchObject({ userId: 'u-alice', tenantId: 'acme' });
    const page2 = h.json<{ items: { name: string }[] }>(
      await h.app.inject({
        url: `/admin/telemetry?limit=2&cursor=${page1.nextCursor}`,
        headers: bearer(admin),
      }),
    );
    expect(page2.items.map((e) => e.name)).toEqual(['app.start']);
  });

  it('creates tenants and users through the admin API; health is ready', async () => {
    const t = await h.app.inject({
      method: 'POST',
      url: '/admin/tenants',
      headers: bearer(admin),
      payload: { id: 'initech', name: 'Initech' },
    });
    expect(t.statusCode).toBe(201);
    const dup = await h.app.inject({
      method: 'POST',
      url: '/admin/tenants',
      headers: bearer(admin),
      payload: { id: 'initech', name: 'Initech' },
    });
    expect(code(dup)).toBe('CONFLICT');
    const u = await h.app.inject({
      method: 'POST',
      url: '/admin/users',
      headers: bearer(admin),
      payload: {
        tenantId: 'initech',
        email: 'Peter@Initech.test',
        password: 'tps-reports-1',
        displayName: 'Peter',
      },
    });
    expect(u.statusCode).toBe(201);
    expect((await h.login('peter@initech.test', 'tps-reports-1')).user.tenantId).toBe('initech');
    const ready = await h.app.inject({ url: '/health/ready' });
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'ok', service: 'platform-service' });
  });
});
