import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, mintToken, startTestApi, type TestApi } from '../../test-support/index.js';

let b: TestApi;
let alice: string;
let carol: string;
let bob: string;
let acmeAdmin: string;

const ALICE_PROFILE = 'p-alice-btc-trend';
const BOB_PROFILE = 'p-bob-breakout';

beforeAll(async () => {
  b = await startTestApi();
  alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
  carol = await mintToken({ sub: 'u-carol', tenant: 'acme' });
  bob = await mintToken({ sub: 'u-bob', tenant: 'globex' });
  acmeAdmin = await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' });
});

afterAll(async () => {
  await b?.stop();
});

const post = (path: string, token: string, body?: unknown) =>
  call(b, { method: 'POST', path, token, ...(body === undefined ? {} : { body }) });

describe('alert centre', () => {
  it('filters, counts, acknowledges and resolves with who and when, audited, per tenant', async () => {
    const scope = { tenantId: 'acme' };
    const halt = await b.parts.store.createAlert(scope, {
      profileId: ALICE_PROFILE,
      severity: 'critical',
      code: 'MAX_DRAWDOWN_HALT',
      message: 'halted',
    });
    const bobs = await b.parts.store.createAlert(
      { tenantId: 'globex' },
      { profileId: BOB_PROFILE, severity: 'critical', code: 'ORDER_NOT_PLACED', message: 'x' },
    );
    const before = (await call(b, { path: '/api/alerts/counts', token: alice })).body;
    expect(before.bySeverity.critical).toBeGreaterThanOrEqual(1);

    const listed = await call(b, {
      path: '/api/alerts?kind=drawdown&state=open&severity=critical',
      token: alice,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(halt.id);
    expect(listed.body.items.every((a: { kind: string }) => a.kind === 'drawdown')).toBe(true);
    expect((await call(b, { path: '/api/alerts?kind=nope', token: alice })).status).toBe(400);

    const deliveries = (id: string) =>
      call(b, { path: `/api/alerts/${id}/deliveries`, token: alice });
    expect((await deliveries(halt.id)).body).toEqual({ items: [] });
    expect((await deliveries(bobs.id)).status).toBe(404);

    // Another tenant's alert and a colleague's profile alert answer 404.
    expect((await post(`/api/alerts/${bobs.id}/ack`, alice)).status).toBe(404);
    expect((await post(`/api/alerts/${halt.id}/resolve`, carol)).status).toBe(404);

    const acked = await post(`/api/alerts/${halt.id}/ack`, alice);
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'u-alice' });
    const after = (await call(b, { path: '/api/alerts/counts', token: alice })).body;
    expect(after.bySeverity.critical).toBe(before.bySeverity.critical - 1);

    // A tenant admin resolves it; the first acknowledgement stays on the row.
    const resolved = await post(`/api/alerts/${halt.id}/resolve`, acmeAdmin);
    expect(resolved.body).toMatchObject({
      state: 'resolved',
      acknowledgedBy: 'u-alice',
      resolvedBy: 'u-acme-admin',
    });
    const audit = await b.parts.store.admin.listAudit({
      tenantId: 'acme',
      action: 'alert.resolve',
    });
    expect(audit.items.find((e) => e.target === `alert:${halt.id}`)).toMatchObject({
      actor: { id: 'u-acme-admin' },
      before: { state: 'acknowledged' },
      after: { state: 'resolved' },
    });
  });
});

describe('notification settings', () => {
  it('answers defaults, validates, stores per user and audits', async () => {
    const initial = await call(b, { path: '/api/me/notifications', token: carol });
    expect(initial.body).toMatchObject({ rules: [], mutedKinds: [], quietHours: null });

    const settings = {
      email: 'carol@example.com',
      rules: [{ channel: 'email', enabled: true, minSeverity: 'warning', kinds: [] }],
      mutedKinds: ['fill'],
      quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin', allowCritical: true },
      digest: { enabled: true, maxSeverity: 'info', intervalMinutes: 60 },
    };
    const badZone = { ...settings, quietHours: { ...settings.quietHours, timeZone: 'Mars/Base' } };
    const put = (body: unknown) =>
      call(b, { method: 'PUT', path: '/api/me/notifications', token: carol, body });
    expect((await put(badZone)).status).toBe(400);
    expect((await put({ ...settings, email: null })).status).toBe(400);
    expect((await put(settings)).status).toBe(200);
    expect((await call(b, { path: '/api/me/notifications', token: carol })).body).toEqual(settings);
    // Another user of the tenant still has defaults.
    expect((await call(b, { path: '/api/me/notifications', token: alice })).body.rules).toEqual([]);
  });

  it('creates a webhook with its secret once, lists it without, and deletes only own', async () => {
    const created = await post('/api/me/webhooks', alice, {
      url: 'https://hooks.example.com/x',
      format: 'slack',
    });
    expect(created.status).toBe(200);
    expect(created.body.secret.length).toBeGreaterThanOrEqual(32);
    const list = await call(b, { path: '/api/me/webhooks', token: alice });
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, format: 'slack' }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    const del = (token: string) =>
      call(b, { method: 'DELETE', path: `/api/me/webhooks/${created.body.id}`, token });
    expect((await del(carol)).status).toBe(404);
    expect((await del(alice)).status).toBe(200);
  });

  it('registers a push token and removes it', async () => {
    const token = 'ExponentPushToken[abcdefgh12345678]';
    expect(
      (await post('/api/me/devices', bob, { token: 'not-a-token', platform: 'ios' })).status,
    ).toBe(400);
    expect(
      (await post('/api/me/devices', bob, { token, platform: 'ios', name: 'phone' })).status,
    ).toBe(200);
    const scope = { tenantId: 'globex', userId: 'u-bob' };
    expect(await b.parts.store.notifications.listDevices(scope)).toEqual([
      expect.objectContaining({ token, platform: 'ios', name: 'phone' }),
    ]);
    expect((await post('/api/me/devices/remove', bob, { token })).status).toBe(200);
    expect(await b.parts.store.notifications.listDevices(scope)).toEqual([]);
  });
});
