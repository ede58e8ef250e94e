import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSmtp } from './smtp.js';

/** A scripted SMTP relay: the true network boundary, so a hand-written fake is the right tool. */
function fakeRelay() {
  const transcript: string[] = [];
  let data = '';
  const server = net.createServer((socket) => {
    let inData = false;
    let buffer = '';
    socket.write('220 relay.test ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        transcript.push(line);
        if (line.startsWith('EHLO')) socket.write('250-relay.test\r\n250 AUTH PLAIN\r\n');
        else if (line.startsWith('AUTH PLAIN')) socket.write('235 ok\r\n');
        else if (line.startsWith('MAIL FROM') || line.startsWith('RCPT TO'))
          socket.write('250 ok\r\n');
        else if (line === 'DATA') {
          inData = true;
          socket.write('354 go\r\n');
        } else if (line === 'QUIT') socket.end('221 bye\r\n');
      }
    });
  });
  return { server, transcript, data: () => data };
}

describe('SMTP delivery', () => {
  const relay = fakeRelay();
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => relay.server.listen(0, '127.0.0.1', r));
    port = (relay.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => relay.server.close(() => r())));

  it('authenticates, sends one message with dot-stuffing, and quits', async () => {
    await sendSmtp({
      url: `smtp://mailer:p%40ss@127.0.0.1:${port}`,
      from: 'no-reply@trading.bytelyst.com',
      message: { to: 'alice@acme.demo.test', subject: 'Reset', text: 'line one\n.hidden dot\nend' },
    });
    const auth = relay.transcript.find((l) => l.startsWith('AUTH PLAIN')) ?? '';
    expect(Buffer.from(auth.slice(11), 'base64').toString()).toBe('\0mailer\0p@ss');
    expect(relay.transcript).toContain('RCPT TO:<alice@acme.demo.test>');
    expect(relay.data()).toContain('Subject: Reset');
    expect(relay.data()).toContain('..hidden dot');
  });

  it('fails with a coded error when the relay refuses', async () => {
    const refusing = net.createServer((s) => s.end('554 no service\r\n'));
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
    const p = (refusing.address() as AddressInfo).port;
    await expect(
      sendSmtp({
        url: `smtp://127.0.0.1:${p}`,
        from: 'a@b.test',
        message: { to: 'c@d.test', subject: 's', text: 't' },
      }),
    ).rejects.toMatchObject({ code: 'INTERNAL' });
    await new Promise<void>((r) => refusing.close(() => r()));
  });
});
