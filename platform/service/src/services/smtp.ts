import net from 'node:net';
import tls from 'node:tls';
import { AppError } from '@bytelyst/trading-contracts';
import type { MailMessage } from './mail.js';

/**
 * A deliberately small SMTP client (no new dependency): `smtp://` plain or `smtps://` implicit
 * TLS, optional AUTH PLAIN from the URL's user and password, one recipient, text/plain.
 * STARTTLS is not spoken; use `smtps://` (port 465) for an encrypted relay.
 */
export async function sendSmtp(opts: {
  url: string;
  from: string;
  message: MailMessage;
  timeoutMs?: number;
}): Promise<void> {
  const url = new URL(opts.url);
  const secure = url.protocol === 'smtps:';
  const port = Number(url.port || (secure ? 465 : 25));
  const socket = secure
    ? tls.connect({ host: url.hostname, port, servername: url.hostname })
    : net.connect({ host: url.hostname, port });
  socket.setTimeout(opts.timeoutMs ?? 10_000, () => socket.destroy(new Error('SMTP timeout')));
  const reader = replyReader(socket);
  const expect = async (code: number) => {
    const reply = await reader.next();
    if (reply.code !== code) {
      throw new AppError('INTERNAL', 'The mail relay refused the message.', {
        cause: new Error(`SMTP ${reply.code}: ${reply.text}`),
      });
    }
  };
  const send = (line: string) => socket.write(`${line}\r\n`);
  try {
    await expect(220);
    send(`EHLO ${hostName(opts.from)}`);
    await expect(250);
    if (url.username) {
      const creds = `\0${decodeURIComponent(url.username)}\0${decodeURIComponent(url.password)}`;
      send(`AUTH PLAIN ${Buffer.from(creds).toString('base64')}`);
      await expect(235);
    }
    send(`MAIL FROM:<${opts.from}>`);
    await expect(250);
    send(`RCPT TO:<${opts.message.to}>`);
    await expect(250);
    send('DATA');
    await expect(354);
    socket.write(formatMessage(opts.from, opts.message));
    await expect(250);
    send('QUIT');
  } finally {
    socket.end();
  }
}

function hostName(from: string): string {
  return from.split('@')[1] ?? 'localhost';
}

function formatMessage(from: string, m: MailMessage): string {
  const headers = [
    `From: ${from}`,
    `To: ${m.to}`,
    `Subject: ${m.subject.replace(/[\r\n]+/g, ' ')}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  // Dot-stuffing: a line starting with "." would otherwise end the DATA section early.
  const body = m.text.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
  return `${headers.join('\r\n')}\r\n\r\n${body}\r\n.\r\n`;
}

/** Yields complete replies (multi-line ones joined) in arrival order. */
function replyReader(socket: net.Socket) {
  let buffer = '';
  let lines: string[] = [];
  const replies: { code: number; text: string }[] = [];
  const waiters: {
    resolve: (r: { code: number; text: string }) => void;
    reject: (e: Error) => void;
  }[] = [];
  let failure: Error | null = null;
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let i: number;
    while ((i = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      lines.push(line.slice(4));
      if (line[3] !== '-') {
        const reply = { code: Number(line.slice(0, 3)), text: lines.join('\n') };
        lines = [];
        const w = waiters.shift();
        if (w) w.resolve(reply);
        else replies.push(reply);
      }
    }
  });
  const fail = (e: Error) => {
    failure = e;
    for (const w of waiters.splice(0)) w.reject(e);
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('SMTP connection closed')));
  return {
    next(): Promise<{ code: number; text: string }> {
      const ready = replies.shift();
      if (ready) return Promise.resolve(ready);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
  };
}
