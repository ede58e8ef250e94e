import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpEmailChannel } from './email-channel.js';
import {
  sampleAlert,
  selfSignedCert,
  smtpStandIn,
  type SmtpStandIn,
} from '../../../test-support/notify-stand-ins.js';

const tls = selfSignedCert();

describe.each([
  { name: 'STARTTLS', secure: false, scheme: 'smtp' as const },
  { name: 'implicit TLS', secure: true, scheme: 'smtps' as const },
])('e-mail over $name', ({ secure, scheme }) => {
  let relay: SmtpStandIn;
  let channel: SmtpEmailChannel;
  beforeAll(async () => {
    relay = await smtpStandIn({ secure, tls });
    channel = new SmtpEmailChannel({
      url: relay.url(scheme),
      from: 'alerts@bytelyst.test',
      ca: tls.cert,
    });
  });
  afterAll(async () => {
    await channel.dispose();
    await channel.dispose();
    await relay.close();
  });

  it('delivers over an encrypted session', async () => {
    const out = await channel.send({
      alerts: [sampleAlert()],
      digest: false,
      to: { channel: 'email', address: 'carol@example.com' },
    });
    expect(out).toEqual({ ok: true });
    const [mail] = relay.messages;
    expect(mail?.to).toBe('carol@example.com');
    expect(mail?.secure).toBe(true);
    expect(mail?.raw).toContain('Subject: [CRITICAL] MAX_DRAWDOWN_HALT');
    expect(mail?.raw).toContain('drawdown 12 % reached');
  });

  it('classifies a relay 4xx as retryable and a 5xx as permanent', async () => {
    const to = { channel: 'email' as const, address: 'carol@example.com' };
    relay.failNext.push(451, 550);
    const first = await channel.send({ alerts: [sampleAlert()], digest: false, to });
    expect(first).toMatchObject({ ok: false, kind: 'retryable' });
    const second = await channel.send({ alerts: [sampleAlert()], digest: false, to });
    expect(second).toMatchObject({ ok: false, kind: 'permanent' });
    expect(await channel.send({ alerts: [sampleAlert()], digest: true, to })).toEqual({ ok: true });
  });
});
