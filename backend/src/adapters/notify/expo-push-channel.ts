import type { Expo, ExpoPushReceipt, ExpoPushTicket } from 'expo-server-sdk';
import type {
  AlertChannel,
  AlertMessage,
  PushReceipts,
  ReceiptOutcome,
  SendOutcome,
} from '../../ports/alert-channel.js';
import {
  alertLine,
  alertSubject,
  digestHeadline,
  digestSummary,
} from '../../domain/alerts/alert-text.js';

/** Expo's error code for a token the device no longer answers to: drop it, never retry. */
const TOKEN_GONE = 'DeviceNotRegistered';

/**
 * Expo push through `expo-server-sdk`. The SDK reads its endpoint from EXPO_BASE_URL once, when it
 * is first imported (tests point it at a local stand-in), so it is imported here, lazily.
 */
export async function createExpoPushChannel(o: {
  accessToken?: string | undefined;
}): Promise<ExpoPushChannel> {
  const { Expo: ExpoClient } = await import('expo-server-sdk');
  return new ExpoPushChannel(
    new ExpoClient({
      retryMinTimeout: 200,
      ...(o.accessToken ? { accessToken: o.accessToken } : {}),
    }),
    (t) => ExpoClient.isExpoPushToken(t),
  );
}

export class ExpoPushChannel implements AlertChannel, PushReceipts {
  readonly channel = 'push' as const;

  constructor(
    private readonly expo: Expo,
    private readonly isToken: (token: string) => boolean,
  ) {}

  async send(message: AlertMessage): Promise<SendOutcome> {
    const to = message.to;
    if (to.channel !== 'push') {
      return { ok: false, kind: 'permanent', error: 'not a push destination' };
    }
    if (!this.isToken(to.token))
      return { ok: false, kind: 'target_gone', error: 'not an Expo token' };
    const first = message.alerts[0];
    let tickets: ExpoPushTicket[];
    try {
      tickets = await this.expo.sendPushNotificationsAsync([
        {
          to: to.token,
          title: alertSubject(message.alerts, message.digest),
          body: (message.digest
            ? digestHeadline(digestSummary(message.alerts))
            : message.alerts.map(alertLine).join('\n')
          ).slice(0, 1000),
          sound: first?.severity === 'critical' ? 'default' : null,
          priority: first?.severity === 'critical' ? 'high' : 'normal',
          data: { alertIds: message.alerts.map((a) => a.id) },
        },
      ]);
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      const retry = status === undefined || status >= 500 || status === 429;
      return {
        ok: false,
        kind: retry ? 'retryable' : 'permanent',
        error: `Expo HTTP ${status ?? '-'}`,
      };
    }
    const ticket = tickets[0];
    if (!ticket) return { ok: false, kind: 'retryable', error: 'no ticket' };
    if (ticket.status === 'ok') return { ok: true, receiptId: ticket.id };
    const code = ticket.details?.error ?? 'error';
    return {
      ok: false,
      kind:
        code === TOKEN_GONE
          ? 'target_gone'
          : code === 'MessageRateExceeded'
            ? 'retryable'
            : 'permanent',
      error: code,
    };
  }

  async checkReceipts(ids: readonly string[]): Promise<Map<string, ReceiptOutcome>> {
    const out = new Map<string, ReceiptOutcome>();
    if (ids.length === 0) return out;
    for (const chunk of this.expo.chunkPushNotificationReceiptIds([...ids])) {
      const receipts: Record<string, ExpoPushReceipt> =
        await this.expo.getPushNotificationReceiptsAsync(chunk);
      for (const [id, r] of Object.entries(receipts)) {
        if (r.status === 'ok') out.set(id, { ok: true });
        else {
          const code = r.details?.error ?? 'error';
          out.set(id, { ok: false, error: code, tokenGone: code === TOKEN_GONE });
        }
      }
    }
    return out;
  }

  async dispose(): Promise<void> {}
}
