import type { DevMailboxMessage } from '@bytelyst/trading-contracts';
import type { Clock } from '../domain/clock.js';
import type { MailMessage, Mailer } from './mail.js';
import { sendSmtp } from './smtp.js';

/** Development delivery: messages are kept in memory and read back at `GET /dev/mailbox`. */
export class DevMailbox implements Mailer {
  private readonly messages: DevMailboxMessage[] = [];
  private static readonly MAX = 200;

  constructor(private readonly clock: Clock) {}

  async send(message: MailMessage): Promise<void> {
    this.messages.push({ ...message, sentAt: this.clock.now().toISOString() });
    if (this.messages.length > DevMailbox.MAX) this.messages.shift();
  }

  list(email: string): DevMailboxMessage[] {
    const to = email.toLowerCase();
    return this.messages.filter((m) => m.to.toLowerCase() === to);
  }
}

export class SmtpMailer implements Mailer {
  constructor(private readonly opts: { url: string; from: string }) {}

  async send(message: MailMessage): Promise<void> {
    await sendSmtp({ url: this.opts.url, from: this.opts.from, message });
  }
}
