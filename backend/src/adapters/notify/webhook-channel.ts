import type { Alert, WebhookFormat } from '@bytelyst/trading-contracts';
import type { AlertChannel, AlertMessage, SendOutcome } from '../../ports/alert-channel.js';
import { alertBody, alertLine, alertSubject } from '../../domain/alerts/alert-text.js';
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
      return { text: `*${alertSubject(alerts, digest)}*\n${alerts.map(alertLine).join('\n')}` };
    case 'discord':
      // Discord refuses content over 2000 characters.
      return {
        content: `**${alertSubject(alerts, digest)}**\n${alertBody(alerts)}`.slice(0, 2000),
      };
    case 'json':
      return { type: digest ? 'alert.digest' : 'alert', alerts };
  }
}

/** Signed HTTP POSTs; the receiver verifies with its endpoint's secret (verifyWebhook). */
export class SignedWebhookChannel implements AlertChannel {
  readonly channel = 'webhook' as const;

  constructor(
    private readonly o: {
      now: () => number;
      timeoutMs?: number | undefined;
      fetch?: typeof fetch | undefined;
    },
  ) {}

  async send(message: AlertMessage): Promise<SendOutcome> {
    const to = message.to;
    if (to.channel !== 'webhook') {
      return { ok: false, kind: 'permanent', error: 'not a webhook destination' };
    }
    const body = JSON.stringify(webhookPayload(to.format, message.alerts, message.digest));
    const timestamp = Math.floor(this.o.now() / 1000);
    try {
      const res = await (this.o.fetch ?? fetch)(to.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(to.secret, timestamp, body),
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
      await res.body?.cancel();
      if (res.ok) return { ok: true };
      // 408 and 429 ask for a later try; other 4xx will answer the same again.
      const retry = res.status >= 500 || res.status === 408 || res.status === 429;
      return { ok: false, kind: retry ? 'retryable' : 'permanent', error: `HTTP ${res.status}` };
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      return { ok: false, kind: 'retryable', error: `${name}: request failed` };
    }
  }

  async dispose(): Promise<void> {}
}
