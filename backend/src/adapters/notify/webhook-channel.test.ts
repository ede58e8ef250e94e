import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  httpStandIn,
  sampleAlert,
  type HttpStandIn,
} from '../../../test-support/notify-stand-ins.js';
import { AddressEgressGuard } from './egress-guard.js';
import { SignedWebhookChannel } from './webhook-channel.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from './webhook-signature.js';

const NOW = Date.parse('2026-12-07T12:00:00.000Z');
const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('signed webhooks', () => {
  let receiver: HttpStandIn;
  // The stand-in listens on loopback: allowed through the operator's allow-list, as in a
  // deployment that posts to an internal receiver, never by switching the guard off.
  const guard = new AddressEgressGuard({ allow: ['127.0.0.1/32'] });
  const channel = new SignedWebhookChannel({ now: () => NOW, guard, timeoutMs: 2_000 });
  beforeAll(async () => {
    receiver = await httpStandIn();
  });
  afterAll(() => receiver.close());

  const to = (format: 'json' | 'slack' | 'discord', path = '/hook') => ({
    channel: 'webhook' as const,
    url: `${receiver.url}${path}`,
    secret: SECRET,
    format,
  });

  it('signs timestamp and body so the receiver verifies them, and only with its secret', async () => {
    expect(await channel.send({ alerts: [sampleAlert()], digest: false, to: to('json') })).toEqual({
      ok: true,
    });
    const req = receiver.requests.at(-1);
    const verify = (secret: string, body = req?.body ?? '') =>
      verifyWebhook({
        secret,
        body,
        timestamp: String(req?.headers[TIMESTAMP_HEADER]),
        signature: String(req?.headers[SIGNATURE_HEADER]),
        now: NOW + 10_000,
      });
    expect(verify(SECRET)).toBe(true);
    expect(verify('another-secret-of-thirty-two-characters')).toBe(false);
    expect(verify(SECRET, (req?.body ?? '').replace('12 %', '1 %'))).toBe(false);
    expect(JSON.parse(req?.body ?? '{}')).toMatchObject({ type: 'alert', alerts: [{ id: 'a-1' }] });
    // A replay long after the timestamp is refused.
    expect(
      verifyWebhook({
        secret: SECRET,
        body: req?.body ?? '',
        timestamp: String(req?.headers[TIMESTAMP_HEADER]),
        signature: String(req?.headers[SIGNATURE_HEADER]),
        now: NOW + 3_600_000,
      }),
    ).toBe(false);
  });

  it('speaks Slack and Discord payloads', async () => {
    await channel.send({ alerts: [sampleAlert()], digest: false, to: to('slack') });
    expect(JSON.parse(receiver.requests.at(-1)?.body ?? '{}').text).toContain('MAX_DRAWDOWN_HALT');
    await channel.send({
      alerts: [sampleAlert(), sampleAlert({ id: 'a-2' })],
      digest: true,
      to: to('discord'),
    });
    expect(JSON.parse(receiver.requests.at(-1)?.body ?? '{}').content).toContain('Alert digest: 2');
  });

  it('retries 5xx, 429 and network failures, not other 4xx', async () => {
    const status = (s: number) => {
      receiver.respond = () => ({ status: s });
      return channel.send({ alerts: [sampleAlert()], digest: false, to: to('json') });
    };
    expect(await status(503)).toMatchObject({ ok: false, kind: 'retryable', error: 'HTTP 503' });
    expect(await status(429)).toMatchObject({ ok: false, kind: 'retryable' });
    expect(await status(410)).toMatchObject({ ok: false, kind: 'permanent' });
    receiver.respond = () => ({ status: 200 });
    const dead = { ...to('json'), url: 'http://127.0.0.1:1/hook' };
    expect(await channel.send({ alerts: [sampleAlert()], digest: false, to: dead })).toMatchObject({
      ok: false,
      kind: 'retryable',
    });
  });

  it('does not follow a redirect', async () => {
    receiver.respond = () => ({ status: 302 });
    expect(
      await channel.send({ alerts: [sampleAlert()], digest: false, to: to('json') }),
    ).toMatchObject({ ok: false, kind: 'permanent' });
    receiver.respond = () => ({ status: 200 });
  });

  it('refuses at delivery time an address the allow-list does not cover, sending nothing', async () => {
    const strict = new SignedWebhookChannel({ now: () => NOW, guard: new AddressEgressGuard() });
    const before = receiver.requests.length;
    for (const url of [`${receiver.url}/hook`, receiver.url.replace('127.0.0.1', 'localhost')]) {
      const out = await strict.send({
        alerts: [sampleAlert()],
        digest: false,
        to: { ...to('json'), url },
      });
      expect(out).toMatchObject({ ok: false, kind: 'permanent' });
      expect(!out.ok && out.error).toMatch(/^EGRESS_REFUSED loopback/);
    }
    expect(receiver.requests.length).toBe(before);
  });
});
