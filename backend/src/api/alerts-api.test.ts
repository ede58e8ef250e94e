import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, mintToken, startTestApi, type TestApi } from '../../test-support/index.js';
import { httpStandIn, type HttpStandIn } from '../../test-support/notify-stand-ins.js';
import {
  verifyWebhook,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from '../adapters/notify/webhook-signature.js';
import { SqlStore } from '../adapters/store/index.js';

let b: TestApi;
let alice: string;
let carol: string;
let bob: string;
let acmeAdmin: string;
let receiver: HttpStandIn;

const ALICE_PROFILE = 'p-alice-btc-trend';
const BOB_PROFILE = 'p-bob-breakout';

beforeAll(async () => {
  receiver = await httpStandIn();
  // The local receiver is reached through the operator's allow-list, not with the guard off.
  b = await startTestApi({ env: { WEBHOOK_EGRESS_ALLOW: '127.0.0.1/32' } });
  alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
  carol = await mintToken({ sub: 'u-carol', tenant: 'acme' });
  bob = await mintToken({ sub: 'u-bob', tenant: 'globex' });
  acmeAdmin = await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' });
});

afterAll(async () => {
  await b?.stop();
  await receiver?.close();
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

  it('creates a webhook with its secret once, lists it masked, and deletes only own', async () => {
    // An address literal: public, so the guard needs no DNS for it.
    const created = await post('/api/me/webhooks', alice, {
      url: 'https://93.184.215.14/x',
      format: 'slack',
    });
    expect(created.status).toBe(200);
    expect(created.body.secret.length).toBeGreaterThanOrEqual(32);
    expect(created.body.secretHint).toBe(
      `\u2022\u2022\u2022\u2022${created.body.secret.slice(-4)}`,
    );
    const list = await call(b, { path: '/api/me/webhooks', token: alice });
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, format: 'slack', lastDelivery: null }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    const del = (token: string) =>
      call(b, { method: 'DELETE', path: `/api/me/webhooks/${created.body.id}`, token });
    expect((await del(carol)).status).toBe(404);
    expect((await del(alice)).status).toBe(200);
  });

  it('refuses loopback, private, link-local and metadata endpoints when they are added', async () => {
    for (const [url, reason] of [
      ['http://127.0.0.2:8080/hook', 'loopback'],
      ['http://[::1]:8080/hook', 'loopback'],
      ['http://10.0.0.8/hook', 'private'],
      ['http://[fe80::1]/hook', 'link_local'],
      ['http://169.254.169.254/latest/meta-data/', 'metadata'],
      ['http://[::ffff:169.254.169.254]/', 'metadata'],
    ] as const) {
      const res = await post('/api/me/webhooks', alice, { url, format: 'json' });
      expect([url, res.status, res.body.error?.details?.reasons]).toEqual([
        url,
        400,
        [`egress:${reason}`],
      ]);
    }
    const audit = await b.parts.store.admin.listAudit({
      tenantId: 'acme',
      action: 'webhook.create_refused',
    });
    expect(audit.items.length).toBe(6);
    // 127.0.0.1 itself is allowed by this deployment's list (the next test's receiver).
  });

  it('tests, rotates and seals the secret: the database holds no secret in clear', async () => {
    const created = await post('/api/me/webhooks', alice, {
      url: `${receiver.url}/hook`,
      format: 'json',
    });
    expect(created.status).toBe(200);
    const id = created.body.id as string;
    const test = await post(`/api/me/webhooks/${id}/test`, alice);
    expect(test.body).toEqual({ ok: true, error: null });
    const req = receiver.requests.at(-1);
    const verify = (secret: string) =>
      verifyWebhook({
        secret,
        body: req?.body ?? '',
        timestamp: String(req?.headers[TIMESTAMP_HEADER]),
        signature: String(req?.headers[SIGNATURE_HEADER]),
        now: Number(req?.headers[TIMESTAMP_HEADER]) * 1000,
      });
    expect(verify(created.body.secret)).toBe(true);
    expect(JSON.parse(req?.body ?? '{}').alerts[0].code).toBe('WEBHOOK_TEST');

    const rotated = await post(`/api/me/webhooks/${id}/rotate`, alice);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect((await post(`/api/me/webhooks/${id}/rotate`, carol)).status).toBe(404);
    expect((await post(`/api/me/webhooks/${id}/test`, carol)).status).toBe(404);
    receiver.respond = () => ({ status: 500 });
    expect((await post(`/api/me/webhooks/${id}/test`, alice)).body).toEqual({
      ok: false,
      error: 'HTTP 500',
    });
    receiver.respond = () => ({ status: 200 });
    await post(`/api/me/webhooks/${id}/test`, alice);
    expect(verify(rotated.body.secret)).toBe(false);
    const last = receiver.requests.at(-1);
    expect(
      verifyWebhook({
        secret: rotated.body.secret,
        body: last?.body ?? '',
        timestamp: String(last?.headers[TIMESTAMP_HEADER]),
        signature: String(last?.headers[SIGNATURE_HEADER]),
        now: Number(last?.headers[TIMESTAMP_HEADER]) * 1000,
      }),
    ).toBe(true);
    const listed = (await call(b, { path: '/api/me/webhooks', token: alice })).body.items.find(
      (w: { id: string }) => w.id === id,
    );
    expect(listed.lastDelivery).toMatchObject({ ok: true, error: null });
    expect(listed.secretHint).toBe(rotated.body.secretHint);

    // A dump of the database: neither secret appears in any table, in any encoding.
    const store = b.parts.store;
    if (!(store instanceof SqlStore)) throw new Error('expected the SQL store');
    const { rows: tables } = await store.sql.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    let dump = '';
    for (const t of tables) {
      const { rows } = await store.sql.query(`SELECT * FROM "${String(t.table_name)}"`);
      dump += JSON.stringify(rows);
    }
    expect(dump).toContain(id);
    for (const secret of [created.body.secret, rotated.body.secret]) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(Buffer.from(secret, 'base64url').toString('base64'));
      expect(dump).not.toContain(Buffer.from(secret).toString('base64'));
    }
    expect(
      (await call(b, { method: 'DELETE', path: `/api/me/webhooks/${id}`, token: alice })).status,
    ).toBe(200);
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
