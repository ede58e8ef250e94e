import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '@bytelyst/trading-contracts';
import { SMTPServer } from 'smtp-server';

/**
 * Local stand-ins for the services the channels talk to: the true network boundaries, so tests
 * run the real adapters against real sockets.
 */

/** A self-signed certificate for 127.0.0.1 (openssl; no test dependency for it). */
export function selfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'alerts-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SmtpStandIn {
  url: (scheme: 'smtp' | 'smtps') => string;
  messages: { to: string; raw: string; secure: boolean }[];
  /** Reply codes for the next messages' DATA (e.g. 451 = try later); shifted per message. */
  failNext: number[];
  close: () => Promise<void>;
}

export async function smtpStandIn(o: { secure: boolean; tls: { key: string; cert: string } }) {
  const state: SmtpStandIn = {
    url: () => '',
    messages: [],
    failNext: [],
    close: async () => undefined,
  };
  const server = new SMTPServer({
    secure: o.secure,
    key: o.tls.key,
    cert: o.tls.cert,
    authOptional: true,
    disabledCommands: ['AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        const code = state.failNext.shift();
        if (code) {
          const err = Object.assign(new Error('refused by stand-in'), { responseCode: code });
          return callback(err);
        }
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        state.messages.push({ to, raw, secure: session.secure });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  state.url = (scheme) => `${scheme}://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

export interface HttpStandIn {
  url: string;
  requests: { path: string; headers: http.IncomingHttpHeaders; body: string }[];
  /** Answer for the next request (status and JSON body); default 200 {}. */
  respond: (req: { path: string; body: string }) => { status: number; body?: unknown };
  close: () => Promise<void>;
}

export async function httpStandIn(): Promise<HttpStandIn> {
  const state: HttpStandIn = {
    url: '',
    requests: [],
    respond: () => ({ status: 200, body: {} }),
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const path = req.url ?? '/';
      state.requests.push({ path, headers: req.headers, body });
      const answer = state.respond({ path, body });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

export const sampleAlert = (over: Partial<Alert> = {}): Alert => ({
  id: 'a-1',
  tenantId: 'acme',
  profileId: 'p-1',
  severity: 'critical',
  kind: 'drawdown',
  code: 'MAX_DRAWDOWN_HALT',
  message: 'profile Trend halted: drawdown 12 % reached its 10 % limit',
  state: 'open',
  acknowledged: false,
  acknowledgedBy: null,
  acknowledgedAt: null,
  resolvedBy: null,
  resolvedAt: null,
  createdAt: '2026-12-07T12:00:00.000Z',
  ...over,
});
