import type { DeliveryStore, NotificationStore } from '../../ports/notification-store.js';
import type { SqlExecutor } from './driver.js';
import * as deliveries from './repo-deliveries.js';
import * as notify from './repo-notifications.js';

/** The Store's `notifications` part over one executor (the store's connection or transaction). */
export function sqlNotifications(o: {
  db: SqlExecutor;
  atomic: <T>(fn: (db: SqlExecutor) => Promise<T>) => Promise<T>;
  now: () => string;
}): NotificationStore & DeliveryStore {
  const { db } = o;
  const at = <S extends object>(scope: S) => ({ ...scope, now: o.now() });
  return {
    getNotificationSettings: (scope) => notify.getNotificationSettings(db, scope),
    putNotificationSettings: (scope, settings) =>
      notify.putNotificationSettings(db, at(scope), settings),
    listWebhooks: async (scope) =>
      (await notify.listWebhooksOf(db, scope)).map(notify.publicWebhook),
    createWebhook: (scope, input) => notify.createWebhook(db, at(scope), input),
    getOwnWebhook: (scope, id) => notify.getOwnWebhook(db, scope, id),
    replaceWebhookSecret: (scope, input) => notify.replaceWebhookSecret(db, scope, input),
    recordWebhookAttempt: (id, attempt) => notify.recordWebhookAttempt(db, id, attempt),
    legacyWebhooks: (limit) => notify.legacyWebhooks(db, limit),
    webhooksNotUnder: (kekId, limit) => notify.webhooksNotUnder(db, kekId, limit),
    swapWebhookSealed: (input) => notify.swapWebhookSealed(db, input),
    deleteWebhook: (scope, id) => notify.deleteWebhook(db, scope, id),
    registerDevice: (scope, device) => notify.registerDevice(db, at(scope), device),
    removeDevice: (token, scope) => notify.removeDevice(db, token, scope),
    listDevices: (scope) => notify.listDevicesOf(db, scope),
    getWebhook: (id) => notify.getWebhook(db, id),
    claimUnroutedAlerts: (limit) => deliveries.claimUnroutedAlerts(db, limit),
    recipientsOf: (alert) => deliveries.recipientsOf(db, alert),
    enqueueDeliveries: (items) =>
      o.atomic((tx) => deliveries.enqueueDeliveries(tx, items, o.now())),
    claimDueDeliveries: (options) => o.atomic((tx) => deliveries.claimDueDeliveries(tx, options)),
    claimDigestWindow: (options) => o.atomic((tx) => deliveries.claimDigestWindow(tx, options)),
    recordDeliveryOutcome: (id, outcome, now) =>
      deliveries.recordDeliveryOutcome(db, id, outcome, now),
    pushAwaitingReceipt: (options) => deliveries.pushAwaitingReceipt(db, options),
    recordReceipt: (id, outcome) => deliveries.recordReceipt(db, id, outcome),
    listDeliveries: (scope, alertId, userId) =>
      deliveries.listDeliveries(db, scope, alertId, userId),
  };
}
