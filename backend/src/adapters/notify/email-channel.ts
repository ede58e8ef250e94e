import { isIP } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AlertChannel, AlertMessage, SendOutcome } from '../../ports/alert-channel.js';
import { alertBody, alertSubject, digestBody } from '../../domain/alerts/alert-text.js';

export interface EmailChannelOptions {
  /**
   * `smtps://` implicit TLS (port 465); `smtp://` upgrades with STARTTLS and refuses a relay
   * that does not offer it (requireTLS), so no alert travels in clear text.
   * User and password in the URL authenticate.
   */
  url: string;
  from: string;
  /** Extra CAs to trust (a private relay; tests' self-signed certificate). */
  ca?: string | undefined;
  timeoutMs?: number | undefined;
}

/** SMTP reply codes 4xx are the relay's "try later"; 5xx a refusal that will not change. */
const isTransient = (responseCode: number | undefined) =>
  responseCode === undefined || (responseCode >= 400 && responseCode < 500);

export class SmtpEmailChannel implements AlertChannel {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;
  private disposed = false;

  constructor(private readonly o: EmailChannelOptions) {
    const url = new URL(o.url);
    const secure = url.protocol === 'smtps:';
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (secure ? 465 : 587)),
      secure,
      requireTLS: !secure,
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      // SNI names a host, never an IP address (RFC 6066).
      tls: {
        ...(isIP(url.hostname) ? {} : { servername: url.hostname }),
        ...(o.ca ? { ca: o.ca } : {}),
      },
      connectionTimeout: o.timeoutMs ?? 10_000,
      greetingTimeout: o.timeoutMs ?? 10_000,
      socketTimeout: o.timeoutMs ?? 10_000,
    });
  }

  async send(message: AlertMessage): Promise<SendOutcome> {
    if (message.to.channel !== 'email') {
      return { ok: false, kind: 'permanent', error: 'not an e-mail destination' };
    }
    try {
      await this.transport.sendMail({
        from: this.o.from,
        to: message.to.address,
        subject: alertSubject(message.alerts, message.digest),
        text: message.digest ? digestBody(message.alerts) : alertBody(message.alerts),
      });
      return { ok: true };
    } catch (error) {
      const e = error as { responseCode?: number; code?: string; message?: string };
      return {
        ok: false,
        kind: isTransient(e.responseCode) ? 'retryable' : 'permanent',
        error: `${e.code ?? 'SMTP'} ${e.responseCode ?? ''}`.trim().slice(0, 200),
      };
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.transport.close();
  }
}
