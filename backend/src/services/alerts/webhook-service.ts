import { randomBytes, randomUUID } from 'node:crypto';
import {
  type Actor,
  AppError,
  type Alert,
  type CreateWebhookBody,
  type CreatedWebhook,
  type WebhookEndpoint,
  type WebhookTestResult,
  maskKey,
} from '@bytelyst/trading-contracts';
import type { z } from 'zod';
import type { AlertChannel, Destination } from '../../ports/alert-channel.js';
import type { Clock } from '../../ports/clock.js';
import type { EgressGuard } from '../../ports/egress-guard.js';
import type {
  DeliveryStore,
  NotificationStore,
  StoredWebhook,
  UserScope,
} from '../../ports/notification-store.js';
import type { AuditService } from '../audit-service.js';
import type { SecretVault } from '../secrets/secret-vault.js';

/** Who asks, as audit rows name them. */
export interface WebhookCaller {
  actor: Actor;
  requestId: string;
}

/** Binds a sealed secret to its tenant and endpoint: a row copied elsewhere does not open. */
const aadOf = (tenantId: string, id: string) => `webhook:${tenantId}/${id}`;

/**
 * A user's webhook endpoints. The address is checked by the egress guard when it is added (and
 * again by the channel at every delivery); the signing secret is generated here, sealed at once
 * with the same envelope encryption as venue keys, answered once (at creation or rotation) and
 * afterwards shown masked only.
 */
export class WebhookService {
  constructor(
    private readonly deps: {
      store: NotificationStore & Pick<DeliveryStore, 'getWebhook'>;
      vault: SecretVault;
      guard: EgressGuard;
      /** The webhook channel, for tests sent from the settings screen; null when it is off. */
      channel: AlertChannel | null;
      audit: AuditService;
      clock: Clock;
    },
  ) {}

  list(scope: UserScope): Promise<WebhookEndpoint[]> {
    return this.deps.store.listWebhooks(scope);
  }

  async create(
    scope: UserScope,
    input: { caller: WebhookCaller; body: z.output<typeof CreateWebhookBody> },
  ): Promise<CreatedWebhook> {
    const { body, caller } = input;
    const verdict = await this.deps.guard.check(body.url);
    if (!verdict.ok) {
      await this.audit(scope, caller, {
        action: 'webhook.create_refused',
        target: 'webhook',
        after: { url: body.url, refusal: verdict.reason },
      });
      throw new AppError(
        'VALIDATION_FAILED',
        `This address cannot receive alerts: ${verdict.detail}.`,
        {
          details: {
            issues: [{ path: 'url', message: `refused: ${verdict.reason} address` }],
            reasons: [`egress:${verdict.reason}`],
          },
        },
      );
    }
    const id = randomUUID();
    const secret = newSecret();
    const created = await this.deps.store.createWebhook(scope, {
      id,
      url: body.url,
      format: body.format,
      sealed: await this.deps.vault.seal(secret, aadOf(scope.tenantId, id)),
      secretHint: maskKey(secret),
    });
    await this.audit(scope, caller, {
      action: 'webhook.create',
      target: `webhook:${id}`,
      after: { url: created.url, format: created.format, secretHint: created.secretHint },
    });
    return { ...created, secret };
  }

  /** A new secret replaces the old at once: the receiver must switch to it. */
  async rotate(scope: UserScope, input: { caller: WebhookCaller; id: string }) {
    await this.own(scope, input.id);
    const secret = newSecret();
    const updated = await this.deps.store.replaceWebhookSecret(scope, {
      id: input.id,
      sealed: await this.deps.vault.seal(secret, aadOf(scope.tenantId, input.id)),
      secretHint: maskKey(secret),
    });
    await this.audit(scope, input.caller, {
      action: 'webhook.rotate',
      target: `webhook:${input.id}`,
      after: { secretHint: updated.secretHint },
    });
    return { ...updated, secret } satisfies CreatedWebhook;
  }

  async delete(scope: UserScope, input: { caller: WebhookCaller; id: string }): Promise<void> {
    await this.deps.store.deleteWebhook(scope, input.id);
    await this.audit(scope, input.caller, {
      action: 'webhook.delete',
      target: `webhook:${input.id}`,
    });
  }

  /** Sends one signed test message now (not through the outbox) and records what it met. */
  async test(scope: UserScope, id: string): Promise<WebhookTestResult> {
    const hook = await this.own(scope, id);
    const to = await this.destinationOf(hook);
    const channel = this.deps.channel;
    const outcome = channel
      ? await channel.send({ alerts: [this.testAlert(scope)], digest: false, to })
      : ({ ok: false, kind: 'permanent', error: 'the webhook channel is switched off' } as const);
    const error = outcome.ok ? null : outcome.error;
    await this.deps.store.recordWebhookAttempt(id, {
      ok: outcome.ok,
      at: this.deps.clock.now(),
      error,
    });
    return { ok: outcome.ok, error };
  }

  /** Where the notifier sends a delivery to endpoint `id`; null once it is removed. */
  async destination(id: string): Promise<Destination | null> {
    const hook = await this.deps.store.getWebhook(id);
    return hook ? this.destinationOf(hook) : null;
  }

  /**
   * Seals secrets of endpoints added before secrets were sealed, and clears the plain column.
   * Run at start; safe on every instance at once (each row is swapped only from plain).
   */
  async sealLegacy(): Promise<number> {
    let done = 0;
    for (;;) {
      const batch = await this.deps.store.legacyWebhooks(100);
      let moved = 0;
      for (const hook of batch) {
        if (hook.legacySecret === null) continue;
        const sealed = await this.deps.vault.seal(hook.legacySecret, aadOf(hook.tenantId, hook.id));
        const hint = maskKey(hook.legacySecret);
        if (
          await this.deps.store.swapWebhookSealed({
            id: hook.id,
            from: null,
            sealed,
            secretHint: hint,
          })
        )
          moved++;
      }
      done += moved;
      if (moved === 0) return done;
    }
  }

  /** Every endpoint's data key under the current KEK (as VenueAccountService.rewrapAll). */
  async rewrapAll(currentKekId: string): Promise<number> {
    let done = 0;
    for (;;) {
      const batch = await this.deps.store.webhooksNotUnder(currentKekId, 100);
      let moved = 0;
      for (const hook of batch) {
        if (!hook.sealed) continue;
        const next = await this.deps.vault.rewrap(hook.sealed);
        if (
          next &&
          (await this.deps.store.swapWebhookSealed({
            id: hook.id,
            from: hook.sealed.kekId,
            sealed: next,
          }))
        )
          moved++;
      }
      done += moved;
      if (moved === 0) return done;
    }
  }

  private async destinationOf(hook: StoredWebhook): Promise<Destination> {
    const secret = hook.sealed
      ? await this.deps.vault.open(hook.sealed, aadOf(hook.tenantId, hook.id))
      : (hook.legacySecret ?? '');
    return { channel: 'webhook', url: hook.url, secret, format: hook.format };
  }

  private async own(scope: UserScope, id: string): Promise<StoredWebhook> {
    const hook = await this.deps.store.getOwnWebhook(scope, id);
    if (!hook) throw new AppError('NOT_FOUND', `webhook ${id} not found`);
    return hook;
  }

  private testAlert(scope: UserScope): Alert {
    const at = new Date(this.deps.clock.now()).toISOString();
    return {
      id: `test-${randomUUID()}`,
      tenantId: scope.tenantId,
      profileId: null,
      severity: 'info',
      kind: 'other',
      code: 'WEBHOOK_TEST',
      message: 'A test message from the alert centre: this endpoint receives alerts.',
      state: 'resolved',
      acknowledged: true,
      acknowledgedBy: scope.userId,
      acknowledgedAt: at,
      resolvedBy: scope.userId,
      resolvedAt: at,
      createdAt: at,
    };
  }

  private audit(
    scope: UserScope,
    caller: WebhookCaller,
    e: {
      action: 'webhook.create' | 'webhook.create_refused' | 'webhook.rotate' | 'webhook.delete';
      target: string;
      after?: Record<string, string>;
    },
  ) {
    return this.deps.audit.record({
      actor: caller.actor,
      tenantId: scope.tenantId,
      action: e.action,
      target: e.target,
      after: e.after ?? null,
      requestId: caller.requestId,
    });
  }
}

/** 32 random bytes: a strong secret of every endpoint's own. */
const newSecret = () => randomBytes(32).toString('base64url');
