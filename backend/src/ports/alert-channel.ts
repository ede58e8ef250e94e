import type { Alert, NotificationChannel, WebhookFormat } from '@bytelyst/trading-contracts';

/** Where one message goes, resolved by the notifier from the delivery's target. */
export type Destination =
  | { channel: 'email'; address: string }
  | { channel: 'webhook'; url: string; secret: string; format: WebhookFormat }
  | { channel: 'push'; token: string };

/** One message: a single alert, or several in a digest. */
export interface AlertMessage {
  alerts: readonly Alert[];
  digest: boolean;
  to: Destination;
}

/**
 * A send's outcome as data. `retryable`: try again later (timeouts, 5xx, 429, a relay's 4xx);
 * `permanent`: the same message can never succeed (a 4xx refusal); `target_gone`: the address
 * itself is dead (a push token the service rejects) and is dropped.
 */
export type SendOutcome =
  | { ok: true; receiptId?: string | undefined }
  | { ok: false; kind: 'retryable' | 'permanent' | 'target_gone'; error: string };

/** A notification channel. Adapters never throw from `send`: every failure is an outcome. */
export interface AlertChannel {
  readonly channel: NotificationChannel;
  send(message: AlertMessage): Promise<SendOutcome>;
  /** Safe to call twice. */
  dispose(): Promise<void>;
}

export type ReceiptOutcome = { ok: true } | { ok: false; error: string; tokenGone: boolean };

/** Push services answer "accepted" at send time and the real outcome later, as a receipt. */
export interface PushReceipts {
  checkReceipts(ids: readonly string[]): Promise<Map<string, ReceiptOutcome>>;
}
