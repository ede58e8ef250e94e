import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Alert, WebhookFormat } from '@bytelyst/trading-contracts';
import type { CheckedAddress, EgressGuard } from '../../ports/egress-guard.js';
import type { AlertChannel, AlertMessage, SendOutcome } from '../../ports/alert-channel.js';
import {
  alertBody,
  alertLine,
  alertSubject,
  digestBody,
  digestSummary,
} from '../../domain/alerts/alert-text.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './webhook-signature.js';

/**
 * The body per format. `slack` and `discord` are what their incoming webhooks accept (`text`,
 * `content`); `json` carries the alert rows for a program.
 */
export function webhookPayload(
  format: WebhookFormat,
  alerts: readonly Alert[],
  digest: boolean,
): unknown {
  switch (format) {
    case 'slack':
      return {
        text: `*${alertSubject(alerts, digest)}*\n${digest ? digestBody(alerts) : alerts.map(alertLine).join('\n')}`,
      };
    case 'discord':
      // Discord refuses content over 2000 characters.
      return {
        content:
          `**${alertSubject(alerts, digest)}**\n${digest ? digestBody(alerts) : alertBody(alerts)}`.slice(
            0,
            2000,
          ),
      };
    case 'json':
      return digest
        ? { type: 'alert.digest', summary: digestSummary(alerts), alerts }
        : { type: 'alert', alerts };
  }
}

/**
 * A DNS lookup that answers only the addresses the guard checked, so the connection goes where
 * the check looked (a second, different DNS answer cannot move it).
 */
export function pinnedLookup(addresses: readonly CheckedAddress[]): LookupFunction {
  return (_host, options, callback) => {
    const family = typeof options === 'object' ? options.family : options;
    const fit = addresses.filter((a) => !family || a.family === family);
    const list = fit.length > 0 ? fit : addresses;
    if (typeof options === 'object' && options.all) {
      (callback as unknown as (e: null, a: CheckedAddress[]) => void)(null, [...list]);
      return;
    }
    const first = list[0];
    if (!first) callback(new Error('no checked address'), '', 4);
    else callback(null, first.address, first.family);
  };
}

export interface WebhookChannelOptions {
  now: () => number;
  /** Every send is checked here first; a refused address is a permanent failure. */
  guard: EgressGuard;
  timeoutMs?: number | undefined;
}

/** Signed HTTP POSTs; the receiver verifies with its endpoint's secret (verifyWebhook). */
export class SignedWebhookChannel implements AlertChannel {
  readonly channel = 'webhook' as const;

  constructor(private readonly o: WebhookChannelOptions) {}

  async send(message: AlertMessage): Promise<SendOutcome> {
    const to = message.to;
    if (to.channel !== 'webhook') {
      return { ok: false, kind: 'permanent', error: 'not a webhook destination' };
    }
    // Checked at every delivery, not only when the endpoint was added: DNS may have changed.
    const verdict = await this.o.guard.check(to.url);
    if (!verdict.ok) {
      // A name that stops resolving may come back; an address inside the network will not move.
      const kind = verdict.reason === 'unresolvable' ? 'retryable' : 'permanent';
      return { ok: false, kind, error: `EGRESS_REFUSED ${verdict.reason}: ${verdict.detail}` };
    }
    const body = JSON.stringify(webhookPayload(to.format, message.alerts, message.digest));
    const timestamp = Math.floor(this.o.now() / 1000);
    try {
      const status = await post({
        url: new URL(to.url),
        lookup: pinnedLookup(verdict.addresses),
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(to.secret, timestamp, body),
        },
        body,
        timeoutMs: this.o.timeoutMs ?? 10_000,
      });
      if (status >= 200 && status < 300) return { ok: true };
      // Redirects are not followed: the next hop would escape the address check.
      if (status >= 300 && status < 400)
        return { ok: false, kind: 'permanent', error: `HTTP ${status} (redirects not followed)` };
      // 408 and 429 ask for a later try; other 4xx will answer the same again.
      const retry = status >= 500 || status === 408 || status === 429;
      return { ok: false, kind: retry ? 'retryable' : 'permanent', error: `HTTP ${status}` };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const name = typeof code === 'string' ? code : error instanceof Error ? error.name : 'Error';
      return { ok: false, kind: 'retryable', error: `${name}: request failed` };
    }
  }

  async dispose(): Promise<void> {}
}

/** One POST over node:http(s) (fetch cannot take a lookup); answers the status code. */
function post(o: {
  url: URL;
  lookup: LookupFunction;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}): Promise<number> {
  const request = o.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    // A whole-request bound: the socket timeout alone lets a receiver that drips bytes hold on.
    const deadline = setTimeout(
      () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })),
      o.timeoutMs,
    );
    const req = request(
      o.url,
      {
        method: 'POST',
        headers: { ...o.headers, 'content-length': String(Buffer.byteLength(o.body)) },
        lookup: o.lookup,
        timeout: o.timeoutMs,
        agent: false,
      },
      (res: IncomingMessage) => {
        clearTimeout(deadline);
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e) => {
      clearTimeout(deadline);
      reject(e);
    });
    req.end(o.body);
  });
}
