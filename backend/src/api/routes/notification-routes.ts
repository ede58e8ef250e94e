import { AppError, NotificationSettings } from '@bytelyst/trading-contracts';
import { isKnownTimeZone } from '../../domain/alerts/route-alert.js';
import type { Principal } from '../auth/principal.js';
import type { RouteHandlers } from '../http/route-context.js';
import { realActor } from '../security-audit.js';
import type { ApiDeps } from './deps.js';

type NotificationRoutes = Pick<
  RouteHandlers,
  | 'notificationSettings'
  | 'putNotificationSettings'
  | 'webhooks'
  | 'createWebhook'
  | 'deleteWebhook'
  | 'rotateWebhookSecret'
  | 'testWebhook'
  | 'registerDevice'
  | 'unregisterDevice'
>;

/** A user who never saved settings gets in-app alerts only: no channel rule is on. */
const DEFAULTS = NotificationSettings.parse({});

const userScope = (p: Principal) => ({ tenantId: p.tenantId, userId: p.userId });

/**
 * A user's own notification settings and channel addresses. Always the caller's own (the user id
 * comes from the token); an admin previewing a customer reads theirs and cannot write.
 */
export const notificationRoutes = (deps: ApiDeps): NotificationRoutes => {
  const audit = (
    principal: Principal,
    e: {
      action: 'notifications.set' | 'device.register' | 'device.remove';
      target: string;
      after?: unknown;
      requestId: string;
    },
  ) =>
    deps.audit.record({
      actor: realActor(principal),
      tenantId: principal.tenantId,
      action: e.action,
      target: e.target.slice(0, 200),
      after: (e.after ?? null) as never,
      requestId: e.requestId,
    });
  return {
    notificationSettings: async ({ principal }) =>
      (await deps.store.notifications.getNotificationSettings(userScope(principal))) ?? DEFAULTS,
    putNotificationSettings: async ({ principal, body, requestId }) => {
      if (body.quietHours && !isKnownTimeZone(body.quietHours.timeZone)) {
        throw new AppError('VALIDATION_FAILED', `Unknown time zone ${body.quietHours.timeZone}.`);
      }
      if (body.rules.some((r) => r.channel === 'email' && r.enabled) && !body.email) {
        throw new AppError('VALIDATION_FAILED', 'An e-mail rule needs an e-mail address.');
      }
      await deps.store.notifications.putNotificationSettings(userScope(principal), body);
      await audit(principal, {
        action: 'notifications.set',
        target: `user:${principal.userId}`,
        after: body,
        requestId,
      });
      return body;
    },
    webhooks: async ({ principal }) => ({
      items: await deps.webhooks.list(userScope(principal)),
    }),
    createWebhook: ({ principal, body, requestId }) =>
      deps.webhooks.create(userScope(principal), {
        caller: { actor: realActor(principal), requestId },
        body,
      }),
    rotateWebhookSecret: ({ principal, params, requestId }) =>
      deps.webhooks.rotate(userScope(principal), {
        caller: { actor: realActor(principal), requestId },
        id: params.id,
      }),
    testWebhook: ({ principal, params }) => deps.webhooks.test(userScope(principal), params.id),
    deleteWebhook: async ({ principal, params, requestId }) => {
      await deps.webhooks.delete(userScope(principal), {
        caller: { actor: realActor(principal), requestId },
        id: params.id,
      });
      return { ok: true };
    },
    registerDevice: async ({ principal, body, requestId }) => {
      await deps.store.notifications.registerDevice(userScope(principal), body);
      await audit(principal, {
        action: 'device.register',
        target: `device:${body.platform}:${body.name}`,
        requestId,
      });
      return { ok: true };
    },
    unregisterDevice: async ({ principal, body, requestId }) => {
      if (await deps.store.notifications.removeDevice(body.token, userScope(principal))) {
        await audit(principal, { action: 'device.remove', target: 'device', requestId });
      }
      return { ok: true };
    },
  };
};
