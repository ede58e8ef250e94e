import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationSettings, type NotificationSettingsInput } from '@bytelyst/trading-contracts';
import { createTestStore, uniqueId, type TestStore } from '../../test-support/db.js';
import {
  httpStandIn,
  selfSignedCert,
  smtpStandIn,
  type HttpStandIn,
  type SmtpStandIn,
} from '../../test-support/notify-stand-ins.js';
import { SmtpEmailChannel } from '../adapters/notify/email-channel.js';
import {
  createExpoPushChannel,
  type ExpoPushChannel,
} from '../adapters/notify/expo-push-channel.js';
import { SignedWebhookChannel } from '../adapters/notify/webhook-channel.js';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhook,
} from '../adapters/notify/webhook-signature.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlStore } from '../adapters/store/index.js';
import { AddressEgressGuard } from '../adapters/notify/egress-guard.js';
import { LocalKeyFileProvider } from '../adapters/secrets/local-key-file.js';
import { TestClock } from '../ports/clock.js';
import { AlertNotifier } from './alert-notifier.js';
import { WebhookService } from './alerts/webhook-service.js';
import { AuditService } from './audit-service.js';
import { silentPublisher } from './publisher.js';
import { SecretVault } from './secrets/secret-vault.js';

/**
 * The notifier over a real store and the real channel adapters, each against its local stand-in
 * (an SMTP relay, a webhook receiver, Expo's push endpoint); the clock is the test's.
 */
let t: TestStore;
let relay: SmtpStandIn;
let hooks: HttpStandIn;
let expo: HttpStandIn;
let push: ExpoPushChannel;
let webhookChannel: SignedWebhookChannel;
let webhooks: WebhookService;
let now = Date.parse('2026-12-07T12:00:00.000Z');
const tls = selfSignedCert();
const TOKEN = 'ExponentPushToken[abcdefgh12345678]';
const GONE = 'ExponentPushToken[zzzzzzzz87654321]';

beforeAll(async () => {
  t = await createTestStore('pglite', { now: () => new Date(now) });
  relay = await smtpStandIn({ secure: false, tls });
  hooks = await httpStandIn();
  expo = await httpStandIn();
  // expo-server-sdk reads its endpoint once, at import (see createExpoPushChannel).
  process.env.EXPO_BASE_URL = expo.url;
  push = await createExpoPushChannel({});
  // The receiver is on loopback: allowed by the operator's list, as a deployment would.
  webhookChannel = new SignedWebhookChannel({
    now: () => now,
    guard: new AddressEgressGuard({ allow: ['127.0.0.1/32'] }),
    timeoutMs: 2_000,
  });
  const keys = new LocalKeyFileProvider(join(await mkdtemp(join(tmpdir(), 'notif-')), 'kek.json'));
  await keys.load();
  webhooks = new WebhookService({
    store: t.store.notifications,
    vault: new SecretVault(keys),
    guard: new AddressEgressGuard({ allow: ['127.0.0.1/32'] }),
    channel: webhookChannel,
    audit: new AuditService({ store: t.store, publisher: silentPublisher }),
    clock: new TestClock(now),
  });
});
afterAll(async () => {
  await Promise.all([relay.close(), hooks.close(), expo.close()]);
  await t.cleanup();
});

const notifier = () =>
  new AlertNotifier({
    store: t.store,
    channels: {
      email: new SmtpEmailChannel({
        url: relay.url('smtp'),
        from: 'alerts@bytelyst.test',
        ca: tls.cert,
      }),
      webhook: webhookChannel,
      push,
    },
    receipts: push,
    webhooks,
    now: () => now,
    logger: pino({ level: 'silent' }),
    receiptDelayMs: 60_000,
  });

async function userWith(settings: NotificationSettingsInput) {
  const tenantId = uniqueId('t');
  await t.store.ensureTenant({ id: tenantId, name: tenantId });
  const user = { tenantId, userId: uniqueId('u') };
  await t.store.notifications.putNotificationSettings(user, NotificationSettings.parse(settings));
  return user;
}

const raise = (
  tenantId: string,
  over: { code?: string; severity?: 'info' | 'warning' | 'critical' } = {},
) =>
  t.store.createAlert(
    { tenantId },
    {
      profileId: null,
      severity: over.severity ?? 'critical',
      code: over.code ?? 'POSITION_MISMATCH',
      message: 'BTC-USD position differs from the venue',
    },
  );

const deliveriesOf = (tenantId: string, alertId: string) =>
  t.store.notifications.listDeliveries({ tenantId }, alertId);

describe('alert notifier', () => {
  it('delivers by e-mail and a signed webhook, retries a failure with backoff, records each try', async () => {
    const user = await userWith({
      email: 'ops@example.com',
      rules: [
        { channel: 'email', enabled: true, minSeverity: 'warning' },
        { channel: 'webhook', enabled: true, minSeverity: 'warning' },
      ],
    });
    const hook = await webhooks.create(user, {
      caller: { actor: { type: 'user', id: user.userId, tenantId: user.tenantId }, requestId: 'r' },
      body: { url: `${hooks.url}/ops`, format: 'json' },
    });
    const n = notifier();
    const alert = await raise(user.tenantId);
    hooks.respond = () => ({ status: 503 });
    relay.failNext.push(451);
    await n.tick();

    let rows = await deliveriesOf(user.tenantId, alert.id);
    expect(
      rows.map((d) => [d.channel, d.status, d.attempts, d.lastError?.slice(0, 8)]).sort(),
    ).toEqual([
      ['email', 'pending', 1, expect.any(String)],
      ['webhook', 'pending', 1, 'HTTP 503'],
    ]);
    const retryAt = Date.parse(rows[0]?.nextAttemptAt ?? '');
    expect(retryAt).toBeGreaterThan(now + 10_000);

    // Not due yet: nothing is sent again.
    const sent = hooks.requests.length;
    await n.tick();
    expect(hooks.requests.length).toBe(sent);

    hooks.respond = () => ({ status: 200 });
    now += 60_000;
    await n.tick();
    rows = await deliveriesOf(user.tenantId, alert.id);
    expect(rows.map((d) => [d.channel, d.status, d.attempts]).sort()).toEqual([
      ['email', 'delivered', 2],
      ['webhook', 'delivered', 2],
    ]);
    expect(relay.messages.at(-1)?.to).toBe('ops@example.com');
    const req = hooks.requests.at(-1);
    expect(req?.path).toBe('/ops');
    expect(
      verifyWebhook({
        secret: hook.secret,
        body: req?.body ?? '',
        timestamp: String(req?.headers[TIMESTAMP_HEADER]),
        signature: String(req?.headers[SIGNATURE_HEADER]),
        now,
      }),
    ).toBe(true);
    // The endpoint shows its last delivery; its secret is sealed, never stored in clear.
    const [listed] = await webhooks.list(user);
    expect(listed?.lastDelivery).toEqual({
      ok: true,
      at: new Date(now).toISOString(),
      error: null,
    });
    if (!(t.store instanceof SqlStore)) throw new Error('expected the SQL store');
    const { rows: dump } = await t.store.sql.query('SELECT * FROM webhook_endpoints');
    expect(JSON.stringify(dump)).not.toContain(hook.secret);
    await n.stop();
  });

  it('pushes through Expo, checks receipts and drops a token the service rejects', async () => {
    const user = await userWith({
      rules: [{ channel: 'push', enabled: true, minSeverity: 'info' }],
    });
    await t.store.notifications.registerDevice(user, { token: TOKEN, platform: 'ios', name: 'a' });
    await t.store.notifications.registerDevice(user, {
      token: GONE,
      platform: 'android',
      name: 'b',
    });
    expo.respond = ({ path, body }) => {
      if (path.endsWith('/push/send')) {
        const [msg] = JSON.parse(body) as { to: string }[];
        return msg?.to === GONE
          ? {
              status: 200,
              body: {
                data: [
                  { status: 'error', message: 'gone', details: { error: 'DeviceNotRegistered' } },
                ],
              },
            }
          : { status: 200, body: { data: [{ status: 'ok', id: 'ticket-1' }] } };
      }
      return { status: 200, body: { data: { 'ticket-1': { status: 'ok' } } } };
    };
    const n = notifier();
    const alert = await raise(user.tenantId);
    await n.tick();
    const rows = await deliveriesOf(user.tenantId, alert.id);
    expect(rows.map((d) => [d.target, d.status]).sort()).toEqual(
      [
        [GONE, 'dropped'],
        [TOKEN, 'delivered'],
      ].sort(),
    );
    expect((await t.store.notifications.listDevices(user)).map((d) => d.token)).toEqual([TOKEN]);
    const sends = expo.requests.filter((r) => r.path.endsWith('/push/send'));
    expect(JSON.parse(sends.at(-1)?.body ?? '[]')[0]).toMatchObject({ priority: 'high' });

    // The receipt is read once it is due; a later receipt error drops the token too.
    now += 120_000;
    await n.tick();
    expect(expo.requests.some((r) => r.path.endsWith('/push/getReceipts'))).toBe(true);
    const second = await raise(user.tenantId);
    await n.tick();
    expo.respond = () => ({
      status: 200,
      body: {
        data: {
          'ticket-1': { status: 'error', message: 'x', details: { error: 'DeviceNotRegistered' } },
        },
      },
    });
    now += 120_000;
    await n.tick();
    expect(await t.store.notifications.listDevices(user)).toEqual([]);
    expect((await deliveriesOf(user.tenantId, second.id))[0]).toMatchObject({
      status: 'dropped',
      lastError: 'DeviceNotRegistered',
    });
    await n.stop();
  });

  it('sends nothing for a muted kind and holds an alert through quiet hours', async () => {
    const user = await userWith({
      email: 'night@example.com',
      rules: [{ channel: 'email', enabled: true, minSeverity: 'info' }],
      mutedKinds: ['order_rejected'],
      quietHours: { start: '11:00', end: '13:00', timeZone: 'UTC', allowCritical: false },
    });
    const n = notifier();
    const muted = await raise(user.tenantId, { code: 'ORDER_NOT_PLACED' });
    const held = await raise(user.tenantId, { severity: 'warning' });
    const before = relay.messages.length;
    await n.tick();
    expect(await deliveriesOf(user.tenantId, muted.id)).toEqual([]);
    const [waiting] = await deliveriesOf(user.tenantId, held.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
    expect(Date.parse(waiting?.nextAttemptAt ?? '')).toBeGreaterThan(now);
    expect(relay.messages.length).toBe(before);
    now = Date.parse(waiting?.nextAttemptAt ?? '') + 1;
    await n.tick();
    expect((await deliveriesOf(user.tenantId, held.id))[0]?.status).toBe('delivered');
    await n.stop();
  });

  // Last: it moves the clock past an hour boundary.
  it("sends a digest as one summary of its whole window, beyond one pass's claim", async () => {
    const user = await userWith({
      rules: [{ channel: 'webhook', enabled: true, minSeverity: 'info' }],
      digest: { enabled: true, maxSeverity: 'warning', intervalMinutes: 60 },
    });
    const hook = await webhooks.create(user, {
      caller: { actor: { type: 'user', id: user.userId, tenantId: user.tenantId }, requestId: 'r' },
      body: { url: `${hooks.url}/digest`, format: 'json' },
    });
    const n = notifier();
    // 70 alerts in one window: more than the 50 one pass claims.
    for (let i = 0; i < 70; i++) {
      await raise(user.tenantId, {
        code: i < 60 ? 'ORDER_FILLED' : 'DATA_OUTAGE',
        severity: i < 60 ? 'info' : 'warning',
      });
      now += 1_000;
    }
    await n.tick();
    const before = hooks.requests.filter((r) => r.path === '/digest').length;
    expect(before).toBe(0);
    // The window closes on the hour boundary; one message carries all 70.
    now = Math.ceil(now / 3_600_000) * 3_600_000 + 1;
    await n.tick();
    const sent = hooks.requests.filter((r) => r.path === '/digest');
    expect(sent.length).toBe(1);
    const body = JSON.parse(sent[0]?.body ?? '{}');
    expect(body.type).toBe('alert.digest');
    expect(body.alerts).toHaveLength(70);
    expect(body.summary).toMatchObject({
      count: 70,
      bySeverity: { info: 60, warning: 10 },
      byKind: { fill: 60, outage: 10 },
    });
    expect(body.summary.from < body.summary.to).toBe(true);
    const [listed] = await webhooks.list(user);
    expect(listed?.lastDelivery?.ok).toBe(true);
    expect(hook.id).toBe(listed?.id);
    await n.stop();
  });
});
