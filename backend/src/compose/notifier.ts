import { SmtpEmailChannel } from '../adapters/notify/email-channel.js';
import { createExpoPushChannel } from '../adapters/notify/expo-push-channel.js';
import type { AlertChannel, PushReceipts } from '../ports/alert-channel.js';
import type { Store } from '../ports/store.js';
import { AlertNotifier } from '../services/alert-notifier.js';
import type { Alerting } from './alerting.js';
import type { ProcessContext } from './config.js';

/** The alert notifier with the channels the environment configures (docs/OPERATIONS.md). */
export async function composeNotifier(
  ctx: ProcessContext,
  deps: { store: Store; alerting: Alerting },
): Promise<AlertNotifier> {
  const { store, alerting } = deps;
  const { env, clock, logger } = ctx;
  const channels: { email?: AlertChannel; webhook?: AlertChannel; push?: AlertChannel } = {};
  let receipts: PushReceipts | undefined;
  if (env.ALERT_SMTP_URL) {
    channels.email = new SmtpEmailChannel({ url: env.ALERT_SMTP_URL, from: env.ALERT_MAIL_FROM });
  }
  if (alerting.webhookChannel) channels.webhook = alerting.webhookChannel;
  if (env.ALERT_PUSH_ENABLED) {
    const push = await createExpoPushChannel({ accessToken: env.EXPO_ACCESS_TOKEN });
    channels.push = push;
    receipts = push;
  }
  return new AlertNotifier({
    store,
    channels,
    receipts,
    webhooks: alerting.webhooks,
    now: () => clock.now(),
    logger: logger.child({ component: 'alert-notifier' }),
    intervalMs: env.ALERT_NOTIFIER_INTERVAL_MS,
  });
}
