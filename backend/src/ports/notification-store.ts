import type {
  Alert,
  AlertDelivery,
  NotificationChannel,
  NotificationSettings,
  WebhookEndpoint,
  WebhookFormat,
} from '@bytelyst/trading-contracts';
import type { TenantScope } from './scope.js';
import type { StoredSealedSecret } from './sealed-secret.js';

export interface UserScope extends TenantScope {
  userId: string;
}

/** An endpoint as the store keeps it: the secret sealed, or (rows from before 0017) plain. */
export interface StoredWebhook extends WebhookEndpoint {
  tenantId: string;
  userId: string;
  sealed: StoredSealedSecret | null;
  /** Only on rows written before secrets were sealed, until sealLegacy seals them. */
  legacySecret: string | null;
}

export interface NewWebhook {
  id: string;
  url: string;
  format: WebhookFormat;
  sealed: StoredSealedSecret;
  secretHint: string;
}

export interface WebhookAttempt {
  ok: boolean;
  at: number;
  error: string | null;
}

export interface PushDevice {
  token: string;
  tenantId: string;
  userId: string;
  platform: 'ios' | 'android' | 'web';
  name: string;
}

/** A user's channels as the notifier sees them: settings plus where each channel points. */
export interface Recipient {
  tenantId: string;
  userId: string;
  settings: NotificationSettings;
  webhooks: StoredWebhook[];
  devices: PushDevice[];
}

export interface NewDelivery {
  alertId: string;
  /** The recipient's tenant (a system-wide alert has none of its own). */
  tenantId: string;
  userId: string;
  channel: NotificationChannel;
  /** E-mail address, webhook id or push token. */
  target: string;
  digest: boolean;
  /** Epoch ms of the first attempt. */
  sendAt: number;
}

export interface ClaimedDelivery extends AlertDelivery {
  tenantId: string | null;
  userId: string;
  alert: Alert;
  receiptId: string | null;
}

export type DeliveryOutcome =
  | { status: 'delivered'; receiptId?: string | null | undefined }
  | { status: 'retry'; error: string; nextAttemptAt: number }
  | { status: 'failed' | 'dropped'; error: string };

/** Per-user notification settings and the channels' addresses. */
export interface NotificationStore {
  /** null when the user never saved settings (they get in-app alerts only). */
  getNotificationSettings(scope: UserScope): Promise<NotificationSettings | null>;
  putNotificationSettings(scope: UserScope, settings: NotificationSettings): Promise<void>;
  listWebhooks(scope: UserScope): Promise<WebhookEndpoint[]>;
  createWebhook(scope: UserScope, input: NewWebhook): Promise<WebhookEndpoint>;
  /** One of this user's endpoints with its sealed secret, or null. */
  getOwnWebhook(scope: UserScope, id: string): Promise<StoredWebhook | null>;
  /** NOT_FOUND when the endpoint is not this user's. */
  replaceWebhookSecret(
    scope: UserScope,
    input: { id: string; sealed: StoredSealedSecret; secretHint: string },
  ): Promise<WebhookEndpoint>;
  /** The last attempt to reach an endpoint (delivery or test); a removed endpoint is ignored. */
  recordWebhookAttempt(id: string, attempt: WebhookAttempt): Promise<void>;
  /** Endpoints still holding a plain secret (written before sealing), up to `limit`. */
  legacyWebhooks(limit: number): Promise<StoredWebhook[]>;
  /** Endpoints whose data key is wrapped by another KEK than `kekId` (for rotation). */
  webhooksNotUnder(kekId: string, limit: number): Promise<StoredWebhook[]>;
  /**
   * Stores the sealed secret in place of the plain or older-sealed one; a compare-and-swap on
   * `from` (the KEK id, or null for a plain secret) so two instances never clash.
   */
  swapWebhookSealed(input: {
    id: string;
    from: string | null;
    sealed: StoredSealedSecret;
    secretHint?: string | undefined;
  }): Promise<boolean>;
  /** NOT_FOUND when the endpoint is not this user's. */
  deleteWebhook(scope: UserScope, id: string): Promise<void>;
  registerDevice(scope: UserScope, device: Omit<PushDevice, 'tenantId' | 'userId'>): Promise<void>;
  /** Removes the token wherever it is registered (a rejected token, or this user's sign-out). */
  removeDevice(token: string, scope?: UserScope): Promise<boolean>;
  listDevices(scope: UserScope): Promise<PushDevice[]>;
}

/**
 * The notifier's outbox. Alerts are claimed once for fan-out (the trading loop only inserts
 * them), deliveries are claimed with a lease so two instances never send the same one.
 */
export interface DeliveryStore {
  /** Marks up to `limit` unrouted alerts routed and returns them, oldest first. */
  claimUnroutedAlerts(limit: number): Promise<Alert[]>;
  /**
   * Who may receive an alert: the profile's owner for a profile alert, every user of the tenant
   * with settings for a tenant-wide one, every user with settings for a system-wide one.
   */
  recipientsOf(alert: Alert): Promise<Recipient[]>;
  /** Inserts; a delivery already recorded for the same alert, user, channel and target is kept. */
  enqueueDeliveries(deliveries: readonly NewDelivery[]): Promise<void>;
  /** Due pending deliveries, leased for `leaseMs` (their next attempt moves past the lease). */
  claimDueDeliveries(options: {
    now: number;
    limit: number;
    leaseMs: number;
  }): Promise<ClaimedDelivery[]>;
  /**
   * The remaining due digest deliveries of one user, channel and target (up to `limit`), leased:
   * a digest window goes out as one message even when it is larger than one pass's claim.
   */
  claimDigestWindow(options: {
    userId: string;
    channel: NotificationChannel;
    target: string;
    now: number;
    leaseMs: number;
    limit: number;
  }): Promise<ClaimedDelivery[]>;
  recordDeliveryOutcome(id: string, outcome: DeliveryOutcome, now: number): Promise<void>;
  /** Push messages delivered before `deliveredBefore` whose receipt is not checked yet. */
  pushAwaitingReceipt(options: {
    deliveredBefore: number;
    limit: number;
  }): Promise<ClaimedDelivery[]>;
  recordReceipt(id: string, outcome: { ok: true } | { ok: false; error: string }): Promise<void>;
  listDeliveries(scope: TenantScope, alertId: string, userId?: string): Promise<AlertDelivery[]>;
  getWebhook(id: string): Promise<StoredWebhook | null>;
}
