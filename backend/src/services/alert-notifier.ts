import type { Alert, NotificationChannel } from '@bytelyst/trading-contracts';
import type { Logger } from 'pino';
import { routeAlert } from '../domain/alerts/route-alert.js';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../domain/alerts/retry-policy.js';
import type {
  AlertChannel,
  Destination,
  PushReceipts,
  SendOutcome,
} from '../ports/alert-channel.js';
import type {
  ClaimedDelivery,
  DeliveryOutcome,
  NewDelivery,
  Recipient,
} from '../ports/notification-store.js';
import type { Store } from '../ports/store.js';

export interface AlertNotifierOptions {
  store: Store;
  channels: Partial<Record<NotificationChannel, AlertChannel>>;
  receipts?: PushReceipts | undefined;
  /** Opens an endpoint's sealed secret for a delivery (WebhookService.destination). */
  webhooks?: { destination(id: string): Promise<Destination | null> } | undefined;
  now: () => number;
  logger: Logger;
  /** Expo keeps receipts about a day and asks senders to wait ~15 min before reading them. */
  receiptDelayMs?: number | undefined;
  intervalMs?: number | undefined;
}

const LEASE_MS = 60_000;
/** Alerts one digest message covers; a window beyond it continues in the next message. */
const MAX_DIGEST_ALERTS = 1_000;

/**
 * Fans new alerts out to each recipient's channels and drains the delivery outbox, on its own
 * timer: the trading loop only inserts alert rows, so a slow relay or a dead webhook never holds
 * an order. Every attempt is recorded on the delivery (attempts, status, last error); failures
 * retry with backoff up to MAX_DELIVERY_ATTEMPTS; a push token the service rejects is dropped.
 */
export class AlertNotifier {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly o: AlertNotifierOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.o.intervalMs ?? 5_000);
    this.timer.unref();
  }

  /** Safe to call twice; waits for a tick in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    for (const c of Object.values(this.o.channels)) await c.dispose();
  }

  /** One pass: route, send what is due, check push receipts. Never overlaps itself. */
  tick(): Promise<void> {
    this.running ??= this.pass()
      .catch((error: unknown) => this.o.logger.error({ err: error }, 'alert notifier pass failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pass(): Promise<void> {
    await this.routeNew();
    await this.drain();
    await this.checkReceipts();
  }

  async routeNew(): Promise<number> {
    const store = this.o.store.notifications;
    const alerts = await store.claimUnroutedAlerts(100);
    const out: NewDelivery[] = [];
    for (const alert of alerts) {
      for (const r of await store.recipientsOf(alert)) out.push(...this.deliveriesFor(alert, r));
    }
    if (out.length > 0) await store.enqueueDeliveries(out);
    return out.length;
  }

  private deliveriesFor(alert: Alert, r: Recipient): NewDelivery[] {
    const out: NewDelivery[] = [];
    for (const route of routeAlert(alert, r.settings, this.o.now())) {
      if (!this.o.channels[route.channel]) continue;
      const targets =
        route.channel === 'email'
          ? r.settings.email
            ? [r.settings.email]
            : []
          : route.channel === 'webhook'
            ? r.webhooks.map((w) => w.id)
            : r.devices.map((d) => d.token);
      for (const target of targets) {
        out.push({
          alertId: alert.id,
          tenantId: r.tenantId,
          userId: r.userId,
          channel: route.channel,
          target,
          digest: route.digest,
          sendAt: route.sendAt,
        });
      }
    }
    return out;
  }

  /**
   * Sends due deliveries. A digest goes out as one summary of its whole window per target: the
   * pass claims the rest of the window's deliveries to that target too (one pass's limit of 50
   * would otherwise split a busy window into several messages).
   */
  async drain(): Promise<number> {
    const store = this.o.store.notifications;
    const now = this.o.now();
    const due = await store.claimDueDeliveries({ now, limit: 50, leaseMs: LEASE_MS });
    const groups = new Map<string, ClaimedDelivery[]>();
    for (const d of due) {
      const key = d.digest ? `${d.userId}|${d.channel}|${d.target}` : d.id;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    let sent = due.length;
    for (const group of groups.values()) {
      const first = group[0];
      if (first?.digest) {
        const rest = await store.claimDigestWindow({
          userId: first.userId,
          channel: first.channel,
          target: first.target,
          now,
          leaseMs: LEASE_MS,
          limit: MAX_DIGEST_ALERTS - group.length,
        });
        const seen = new Set(group.map((d) => d.id));
        for (const d of rest) if (!seen.has(d.id)) group.push(d);
        sent += rest.length;
        group.sort((a, b) => a.alert.createdAt.localeCompare(b.alert.createdAt));
      }
      await this.sendGroup(group);
    }
    return sent;
  }

  private async sendGroup(group: ClaimedDelivery[]): Promise<void> {
    const first = group[0];
    if (!first) return;
    const store = this.o.store.notifications;
    const channel = this.o.channels[first.channel];
    const to = await this.destinationOf(first);
    const outcome: SendOutcome = !channel
      ? { ok: false, kind: 'retryable', error: `channel ${first.channel} not configured` }
      : !to
        ? { ok: false, kind: 'target_gone', error: 'destination removed' }
        : await channel.send({ alerts: group.map((d) => d.alert), digest: first.digest, to });
    const now = this.o.now();
    for (const d of group) {
      await store.recordDeliveryOutcome(d.id, this.outcomeOf(d, outcome, now), now);
    }
    if (!outcome.ok && outcome.kind === 'target_gone' && first.channel === 'push') {
      await store.removeDevice(first.target);
    }
    // The settings screen shows each endpoint's last attempt.
    if (first.channel === 'webhook' && channel && to) {
      await store.recordWebhookAttempt(first.target, {
        ok: outcome.ok,
        at: now,
        error: outcome.ok ? null : outcome.error,
      });
    }
  }

  private outcomeOf(d: ClaimedDelivery, outcome: SendOutcome, now: number): DeliveryOutcome {
    if (outcome.ok) return { status: 'delivered', receiptId: outcome.receiptId ?? null };
    if (outcome.kind === 'target_gone') return { status: 'dropped', error: outcome.error };
    const attempts = d.attempts + 1;
    if (outcome.kind === 'permanent' || attempts >= MAX_DELIVERY_ATTEMPTS) {
      return { status: 'failed', error: outcome.error };
    }
    return {
      status: 'retry',
      error: outcome.error,
      nextAttemptAt: now + retryDelayMs(attempts, d.id),
    };
  }

  private async destinationOf(d: ClaimedDelivery): Promise<Destination | null> {
    switch (d.channel) {
      case 'email':
        return { channel: 'email', address: d.target };
      case 'push':
        return { channel: 'push', token: d.target };
      case 'webhook':
        // Without the service no secret can be opened: the delivery waits (see sendGroup).
        return this.o.webhooks ? this.o.webhooks.destination(d.target) : null;
    }
  }

  /** Reads Expo receipts of pushes sent a while ago; a token Expo reports gone is dropped. */
  async checkReceipts(): Promise<number> {
    if (!this.o.receipts) return 0;
    const store = this.o.store.notifications;
    const waiting = await store.pushAwaitingReceipt({
      deliveredBefore: this.o.now() - (this.o.receiptDelayMs ?? 15 * 60_000),
      limit: 300,
    });
    const ids = waiting.flatMap((d) => (d.receiptId ? [d.receiptId] : []));
    const receipts = await this.o.receipts.checkReceipts(ids);
    for (const d of waiting) {
      const r = d.receiptId ? receipts.get(d.receiptId) : undefined;
      if (!r) continue;
      await store.recordReceipt(d.id, r.ok ? { ok: true } : { ok: false, error: r.error });
      if (!r.ok && r.tokenGone) await store.removeDevice(d.target);
    }
    return receipts.size;
  }
}
