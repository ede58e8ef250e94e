import { z } from 'zod';
import { Id, Timestamp, lineText } from '../primitives.js';
import { AlertKind, AlertSeverity } from './alerts.js';
import { TimeZone } from './portfolio.js';

/** Out-of-band channels; in-app (web alert centre, mobile Alerts tab) always shows every alert. */
export const NotificationChannel = z.enum(['email', 'webhook', 'push']);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

export const NotificationRule = z.strictObject({
  channel: NotificationChannel,
  enabled: z.boolean(),
  /** Only these kinds; empty = every kind not muted. */
  kinds: z.array(AlertKind).max(20).default([]),
  minSeverity: AlertSeverity,
});
export type NotificationRule = z.infer<typeof NotificationRule>;

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');

export const QuietHours = z.strictObject({
  start: HourMinute,
  end: HourMinute,
  /** IANA zone the times are in, e.g. Europe/Berlin. */
  timeZone: TimeZone,
  /** Critical alerts still go out during quiet hours. */
  allowCritical: z.boolean().default(true),
});
export type QuietHours = z.infer<typeof QuietHours>;

export const DigestSettings = z.strictObject({
  enabled: z.boolean(),
  /** Alerts at or below this severity wait for the next digest instead of going out alone. */
  maxSeverity: z.enum(['info', 'warning']).default('info'),
  intervalMinutes: z.number().int().min(15).max(1440).default(60),
});
export type DigestSettings = z.infer<typeof DigestSettings>;

export const NotificationSettings = z.strictObject({
  email: z.email().max(254).nullable().default(null),
  rules: z.array(NotificationRule).max(10).default([]),
  mutedKinds: z.array(AlertKind).max(20).default([]),
  quietHours: QuietHours.nullable().default(null),
  digest: DigestSettings.default({ enabled: false, maxSeverity: 'info', intervalMinutes: 60 }),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;
export type NotificationSettingsInput = z.input<typeof NotificationSettings>;

export const WebhookFormat = z.enum(['json', 'slack', 'discord']);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

export const CreateWebhookBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  format: WebhookFormat.default('json'),
});
/** The last attempt to reach an endpoint (a delivery or a test), for the settings screen. */
export const WebhookLastDelivery = z.strictObject({
  ok: z.boolean(),
  at: Timestamp,
  error: z.string().max(500).nullable(),
});
export type WebhookLastDelivery = z.infer<typeof WebhookLastDelivery>;

export const WebhookEndpoint = z.strictObject({
  id: Id,
  url: z.string().max(2000),
  format: WebhookFormat,
  /** The secret masked to its last four characters; the secret itself is shown only once. */
  secretHint: z.string().max(16),
  lastDelivery: WebhookLastDelivery.nullable(),
  createdAt: Timestamp,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;
/** Returned once at creation and at rotation: the secret the receiver verifies signatures with. */
export const CreatedWebhook = WebhookEndpoint.extend({ secret: z.string().min(32).max(128) });
export type CreatedWebhook = z.infer<typeof CreatedWebhook>;

/** What a test message to an endpoint met; `error` names the refusal or HTTP status. */
export const WebhookTestResult = z.strictObject({
  ok: z.boolean(),
  error: z.string().max(500).nullable(),
});
export type WebhookTestResult = z.infer<typeof WebhookTestResult>;

export const RegisterDeviceBody = z.strictObject({
  /** An Expo push token, e.g. ExponentPushToken[xxxxxxxx]. */
  token: z.string().regex(/^Expo(nent)?PushToken\[[A-Za-z0-9_-]{8,200}\]$/),
  platform: z.enum(['ios', 'android', 'web']),
  /** Shown in the audit log for interventions from this device. */
  name: lineText().max(100).default(''),
});
export type RegisterDeviceBody = z.infer<typeof RegisterDeviceBody>;
export const UnregisterDeviceBody = z.strictObject({ token: RegisterDeviceBody.shape.token });

export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed', 'dropped']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const AlertDelivery = z.strictObject({
  id: Id,
  alertId: Id,
  channel: NotificationChannel,
  target: z.string().max(2000),
  digest: z.boolean(),
  status: DeliveryStatus,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: Timestamp.nullable(),
  lastError: z.string().max(500).nullable(),
  deliveredAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type AlertDelivery = z.infer<typeof AlertDelivery>;
