import { z } from 'zod';
import { Alert, AlertCounts, AlertsQuery } from './schemas/alerts.js';
import {
  AlertDelivery,
  CreatedWebhook,
  CreateWebhookBody,
  NotificationSettings,
  RegisterDeviceBody,
  UnregisterDeviceBody,
  WebhookEndpoint,
  WebhookTestResult,
} from './schemas/notifications.js';
import { Id, page } from './primitives.js';
import type { RouteDef } from './route-def.js';

const items = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });
const IdParams = z.strictObject({ id: Id });
const Ok = z.strictObject({ ok: z.literal(true) });

/** The alert centre and each user's notification settings and channels (part of API_ROUTES). */
export const ALERT_ROUTES = {
  alerts: {
    method: 'GET',
    path: '/api/alerts',
    query: AlertsQuery,
    response: page(Alert),
    access: 'user',
    summary: 'Alerts for my tenant, filtered by profile, state, kind or severity',
  },
  alertCounts: {
    method: 'GET',
    path: '/api/alerts/counts',
    response: AlertCounts,
    access: 'user',
    summary: 'Open alerts by severity (badge counts)',
  },
  acknowledgeAlert: {
    method: 'POST',
    path: '/api/alerts/:id/ack',
    params: IdParams,
    response: Alert,
    access: 'user',
    mobileAction: 'alert.acknowledge',
    summary: 'Acknowledge an alert (audited; the first who and when are kept)',
  },
  resolveAlert: {
    method: 'POST',
    path: '/api/alerts/:id/resolve',
    params: IdParams,
    response: Alert,
    access: 'user',
    summary: 'Resolve an alert (audited; acknowledges it too)',
  },
  alertDeliveries: {
    method: 'GET',
    path: '/api/alerts/:id/deliveries',
    params: IdParams,
    response: items(AlertDelivery),
    access: 'user',
    summary: "An alert's deliveries to my channels: attempts, status, last error",
  },
  notificationSettings: {
    method: 'GET',
    path: '/api/me/notifications',
    response: NotificationSettings,
    access: 'user',
    summary: 'My notification rules, quiet hours and digest',
  },
  putNotificationSettings: {
    method: 'PUT',
    path: '/api/me/notifications',
    body: NotificationSettings,
    response: NotificationSettings,
    access: 'user',
    summary: 'Replace my notification rules, quiet hours and digest (audited)',
  },
  webhooks: {
    method: 'GET',
    path: '/api/me/webhooks',
    response: items(WebhookEndpoint),
    access: 'user',
    summary: 'My webhook endpoints (secrets are never shown again)',
  },
  createWebhook: {
    method: 'POST',
    path: '/api/me/webhooks',
    body: CreateWebhookBody,
    response: CreatedWebhook,
    access: 'user',
    summary: 'Add a webhook endpoint; answers its signing secret once',
  },
  deleteWebhook: {
    method: 'DELETE',
    path: '/api/me/webhooks/:id',
    params: IdParams,
    response: Ok,
    access: 'user',
    summary: 'Remove a webhook endpoint',
  },
  rotateWebhookSecret: {
    method: 'POST',
    path: '/api/me/webhooks/:id/rotate',
    params: IdParams,
    response: CreatedWebhook,
    access: 'user',
    summary: "Replace an endpoint's signing secret; answers the new one once (audited)",
  },
  testWebhook: {
    method: 'POST',
    path: '/api/me/webhooks/:id/test',
    params: IdParams,
    response: WebhookTestResult,
    access: 'user',
    summary: 'Send a signed test message to an endpoint now and say what it answered',
  },
  registerDevice: {
    method: 'POST',
    path: '/api/me/devices',
    body: RegisterDeviceBody,
    response: Ok,
    access: 'user',
    summary: "Register this device's Expo push token for my alerts",
  },
  unregisterDevice: {
    method: 'POST',
    path: '/api/me/devices/remove',
    body: UnregisterDeviceBody,
    response: Ok,
    access: 'user',
    summary: 'Stop push alerts to a device (sign-out)',
  },
} as const satisfies Record<string, RouteDef>;
