import type { Alert, AlertKind, AlertSeverity } from '@bytelyst/trading-contracts';
import type { Logger } from 'pino';
import { tenantScope, type Store } from '../../ports/store.js';
import type { Publisher } from '../publisher.js';

/** What a service raises; see AlertService.raiseAlert. */
export interface RaiseAlertInput {
  /** Null: system-wide (every tenant's users and the operators see it). */
  tenantId: string | null;
  /** A profile's alert goes to the profile's owner only. */
  profileId?: string | null | undefined;
  kind: AlertKind;
  severity: AlertSeverity;
  /** A stable machine code (`MODEL_DRIFT`); add it to ALERT_KIND_BY_CODE. */
  code: string;
  message: string;
  /**
   * Set for a condition that lasts (`outage:venue`): while an alert of this tenant and source is
   * unresolved no second one is raised, and `resolveSource` closes it when the condition ends.
   */
  source?: string | undefined;
}

/** The part of the store alerts need; a transaction's store works too (see `raiseIn`). */
type AlertWrites = Pick<Store, 'raiseAlert' | 'resolveAlertSource' | 'getProfile'>;

/**
 * Alerts raised by services outside the trading loop (controls, the condition watcher, model
 * drift). The row is the notifier's outbox: raising inserts it and pushes it to open screens;
 * delivery to e-mail, webhooks and push happens later on the notifier's timer. `raiseAlert` never
 * throws (a failed alert is logged, never the caller's failure): no control change, and nothing
 * in a trading path, waits on or fails with an alert.
 */
export class AlertService {
  constructor(
    private readonly deps: {
      store: Store;
      publisher: Publisher;
      logger?: Pick<Logger, 'warn'> | undefined;
    },
  ) {}

  /**
   * Raises one alert, or none when `source` names a condition already open. Answers the new
   * alert, or null (deduplicated or failed). For #17: `alerts.raiseAlert({ tenantId, profileId,
   * kind: 'model_drift', severity: 'warning', code: 'MODEL_DRIFT', message, source:
   * `model_drift:${modelVersionId}` })`.
   */
  async raiseAlert(input: RaiseAlertInput): Promise<Alert | null> {
    try {
      return await this.raise(input);
    } catch (err) {
      this.deps.logger?.warn({ err, code: input.code }, 'alert not raised');
      return null;
    }
  }

  /** As raiseAlert, but a store failure throws (for callers that retry). */
  async raise(input: RaiseAlertInput): Promise<Alert | null> {
    const alert = await this.raiseIn(this.deps.store, input);
    if (alert) await this.publish(alert);
    return alert;
  }

  /** Closes the open alert of a condition that ended; answers it, or null when none was open. */
  async resolveSource(input: {
    tenantId: string | null;
    source: string;
    by?: string | undefined;
  }): Promise<Alert | null> {
    const resolved = await this.deps.store.resolveAlertSource({
      tenantId: input.tenantId,
      source: input.source,
      by: input.by ?? 'system',
    });
    if (resolved) await this.publish(resolved);
    return resolved;
  }

  /**
   * Inside a caller's transaction (a control change commits its alert with its audit row); the
   * caller publishes after commit with `published`.
   */
  raiseIn(store: AlertWrites, input: RaiseAlertInput): Promise<Alert | null> {
    return store.raiseAlert({
      tenantId: input.tenantId,
      profileId: input.profileId ?? null,
      kind: input.kind,
      severity: input.severity,
      code: input.code,
      message: input.message,
      source: input.source,
    });
  }

  resolveIn(
    store: AlertWrites,
    input: { tenantId: string | null; source: string; by: string },
  ): Promise<Alert | null> {
    return store.resolveAlertSource(input);
  }

  /** Pushes committed alerts to open screens; never throws. */
  async published(alerts: readonly (Alert | null)[]): Promise<void> {
    for (const a of alerts) if (a) await this.publish(a);
  }

  private async publish(alert: Alert): Promise<void> {
    const { publisher } = this.deps;
    try {
      publisher.toAdmins('alert', alert);
      if (!alert.tenantId) return publisher.toAllTraders('alert', alert);
      if (!alert.profileId) return publisher.toTenant(alert.tenantId, 'alert', alert);
      const p = await this.deps.store.getProfile(tenantScope(alert.tenantId), alert.profileId);
      if (p) publisher.toUser({ tenantId: alert.tenantId, userId: p.userId }, 'alert', alert);
    } catch (err) {
      this.deps.logger?.warn({ err }, 'alert push failed');
    }
  }
}
