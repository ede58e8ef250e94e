import { AddressEgressGuard } from '../adapters/notify/egress-guard.js';
import { SignedWebhookChannel } from '../adapters/notify/webhook-channel.js';
import type { AlertChannel } from '../ports/alert-channel.js';
import type { EgressGuard } from '../ports/egress-guard.js';
import type { Store } from '../ports/store.js';
import type { AuditService } from '../services/audit-service.js';
import { WebhookService } from '../services/alerts/webhook-service.js';
import type { SecretVault } from '../services/secrets/secret-vault.js';
import type { ProcessContext } from './config.js';

export interface Alerting {
  guard: EgressGuard;
  /** Null when ALERT_WEBHOOKS_ENABLED is off. */
  webhookChannel: AlertChannel | null;
  webhooks: WebhookService;
}

/**
 * The webhook egress guard (with the operator's WEBHOOK_EGRESS_ALLOW ranges), the webhook
 * channel behind it, and the endpoint service both the API and the notifier use, over one vault.
 */
export function composeAlerting(
  ctx: ProcessContext,
  deps: { store: Store; vault: SecretVault; audit: AuditService },
): Alerting {
  const { env, clock } = ctx;
  const guard = new AddressEgressGuard({ allow: env.WEBHOOK_EGRESS_ALLOW });
  const webhookChannel = env.ALERT_WEBHOOKS_ENABLED
    ? new SignedWebhookChannel({ now: () => clock.now(), guard })
    : null;
  const webhooks = new WebhookService({
    store: deps.store.notifications,
    vault: deps.vault,
    guard,
    channel: webhookChannel,
    audit: deps.audit,
    clock,
  });
  return { guard, webhookChannel, webhooks };
}
