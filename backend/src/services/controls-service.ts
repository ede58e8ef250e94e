import {
  AppError,
  type Actor,
  type ProductStatus,
  type SetTradingControlBody,
  type TradingControl,
  type TradingControlsResponse,
  type TradingMode,
} from '@bytelyst/trading-contracts';
import type { ChangeBus } from '../ports/change-bus.js';
import { tenantScope, type Store } from '../ports/store.js';
import type { Logger } from 'pino';
import { controlChangeAlerts } from '../domain/alerts/control-alerts.js';
import type { AlertService } from './alerts/alert-service.js';
import type { AuditService } from './audit-service.js';
import type { Publisher } from './publisher.js';

/** The backend-owned control layers as the engine consumes them. */
export interface ControlLayers {
  global: TradingMode;
  tenants: Map<string, TradingMode>;
  profiles: Map<string, TradingMode>;
  disabledTenants: Set<string>;
}

export interface ControlsServiceDeps {
  store: Store;
  audit: AuditService;
  publisher: Publisher;
  bus: ChangeBus;
  productStatus: () => ProductStatus | null;
  logger?: Pick<Logger, 'warn'>;
  /** Raises the alert of each change (a halt, a pause, a resume); none when absent. */
  alerts?: AlertService | undefined;
}

/**
 * How often every instance compares the stored control versions with the ones it enforces
 * (CONTROLS_POLL_MS): the bound on how long a committed control can go unenforced when every
 * notification about it was lost.
 */
export const CONTROLS_POLL_MS = 2_000;

/**
 * Global, tenant and profile trading modes: authorised by the route, versioned in the store,
 * audited with before/after/reason/request id, pushed to every surface. The database is the
 * authority: a write commits its audit row and its change notification (NOTIFY) in one
 * transaction, every instance reloads on a notification from the database or Redis, and every
 * instance also polls the stored versions every CONTROLS_POLL_MS, so no lost message can leave a
 * control unenforced by the loop owner for longer than that.
 */
export class ControlsService {
  private layers: ControlLayers = {
    global: 'RUNNING',
    tenants: new Map(),
    profiles: new Map(),
    disabledTenants: new Set(),
  };
  private readonly listeners = new Set<(layers: ControlLayers) => void>();
  private running: Promise<unknown> = Promise.resolve();
  private queued: Promise<ControlLayers> | null = null;
  private fingerprint: string | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: ControlsServiceDeps) {
    deps.bus.subscribe((topic) => {
      if (topic === 'controls' || topic === 'tenants') this.reloadQuietly();
    });
  }

  /** Starts the version poll (every `pollMs`, default CONTROLS_POLL_MS). */
  start(pollMs = CONTROLS_POLL_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reloads when the stored versions differ from the ones last loaded. */
  async poll(): Promise<void> {
    try {
      const fp = await this.deps.store.controlsFingerprint();
      if (fp !== this.fingerprint) await this.reload();
    } catch (err) {
      this.deps.logger?.warn({ err }, 'control version poll failed; enforcing the last loaded');
    }
  }

  private reloadQuietly(): void {
    this.reload().catch((err: unknown) =>
      this.deps.logger?.warn({ err }, 'control reload failed; the version poll retries'),
    );
  }

  current(): ControlLayers {
    return this.layers;
  }

  onChange(listener: (layers: ControlLayers) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Reads every layer from the store and hands it to the listeners. Reloads run one at a time;
   * calls while one runs share the single reload queued behind it (a burst of notifications
   * costs two reads, and the last one starts after the last call).
   */
  reload(): Promise<ControlLayers> {
    if (this.queued) return this.queued;
    const next = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.load();
      });
    this.queued = next;
    this.running = next;
    return next;
  }

  private async load(): Promise<ControlLayers> {
    // Read before the layers: a change committed in between is seen by the next poll.
    const fingerprint = await this.deps.store.controlsFingerprint();
    const [controls, tenants] = await Promise.all([
      this.deps.store.listControls(null),
      this.deps.store.listTenants(),
    ]);
    const next: ControlLayers = {
      global: 'RUNNING',
      tenants: new Map(),
      profiles: new Map(),
      disabledTenants: new Set(),
    };
    for (const c of controls) this.apply(next, c);
    for (const t of tenants) {
      if (t.disabled) next.disabledTenants.add(t.id);
      const scoped = await this.deps.store.listControls(tenantScope(t.id));
      for (const c of scoped) this.apply(next, c);
    }
    this.layers = next;
    this.fingerprint = fingerprint;
    for (const l of this.listeners) l(next);
    return next;
  }

  private apply(layers: ControlLayers, c: TradingControl): void {
    if (c.scope === 'global') layers.global = c.mode;
    else if (c.scope === 'tenant' && c.targetId) layers.tenants.set(c.targetId, c.mode);
    else if (c.scope === 'profile' && c.targetId) layers.profiles.set(c.targetId, c.mode);
  }

  async list(tenantId: string | null): Promise<TradingControlsResponse> {
    const controls = await this.deps.store.listControls(tenantId ? tenantScope(tenantId) : null);
    if (!tenantId) {
      for (const t of await this.deps.store.listTenants()) {
        for (const c of await this.deps.store.listControls(tenantScope(t.id))) {
          if (!controls.some((x) => x.scope === c.scope && x.targetId === c.targetId))
            controls.push(c);
        }
      }
    }
    return { controls, product: this.deps.productStatus() };
  }

  /** Finds which tenant owns a target, so a control is stored and routed under it. */
  private async owningTenant(body: SetTradingControlBody): Promise<string | null> {
    if (body.scope === 'global') return null;
    if (!body.targetId)
      throw new AppError('VALIDATION_FAILED', 'targetId is required for tenant and profile scope', {
        details: {
          issues: [{ path: 'body.targetId', message: 'required for tenant and profile scope' }],
        },
      });
    if (body.scope === 'tenant') {
      if (!(await this.deps.store.getTenant(body.targetId)))
        throw new AppError('NOT_FOUND', 'No such tenant.');
      return body.targetId;
    }
    for (const t of await this.deps.store.listTenants()) {
      if (await this.deps.store.getProfile(tenantScope(t.id), body.targetId)) return t.id;
    }
    throw new AppError('NOT_FOUND', 'No such profile.');
  }

  async set(input: {
    body: SetTradingControlBody;
    actor: Actor;
    requestId: string;
    /**
     * A tenant admin's tenant: global scope is refused and any other tenant's target answers
     * exactly like one that does not exist. Absent for operators and services.
     */
    withinTenant?: string | undefined;
  }): Promise<TradingControl> {
    const { body, actor, requestId } = input;
    if (input.withinTenant !== undefined && body.scope === 'global')
      throw new AppError('FORBIDDEN', 'Only operators set the global trading mode.');
    if (body.scope === 'global' && body.targetId) {
      throw new AppError('VALIDATION_FAILED', 'global scope takes no targetId', {
        details: { issues: [{ path: 'body.targetId', message: 'must be null for global scope' }] },
      });
    }
    const tenantId = await this.owningTenant(body);
    if (input.withinTenant !== undefined && tenantId !== input.withinTenant)
      throw new AppError(
        'NOT_FOUND',
        body.scope === 'tenant' ? 'No such tenant.' : 'No such profile.',
      );
    const change = await this.deps.store.withTransaction(async (tx) => {
      // Delivered to every instance's database listener exactly when this commits.
      await tx.notifyChange('controls');
      const c = await tx.setControl({
        scope: body.scope,
        targetId: body.scope === 'global' ? null : body.targetId,
        tenantId,
        mode: body.mode,
        reason: body.reason,
        actor,
        requestId,
        expectedVersion: body.expectedVersion,
      });
      const row = await this.deps.audit.recordIn(tx, {
        actor,
        tenantId,
        action:
          body.mode === 'RUNNING'
            ? 'control.resume'
            : body.mode === 'PAUSED'
              ? 'control.pause'
              : 'control.set',
        target: body.scope === 'global' ? 'global' : `${body.scope}:${body.targetId}`,
        before: c.before ? { mode: c.before.mode, version: c.before.version } : null,
        after: { mode: c.after.mode, version: c.after.version },
        reason: body.reason,
        requestId,
      });
      return { ...c, row };
    });
    // Committed: from here on the request succeeds. What follows only speeds up enforcement
    // (this instance's reload, the Redis fast path); the database notification and every
    // instance's version poll do not depend on any of it.
    this.deps.audit.publish(change.row);
    this.publish(change.after);
    await this.alertChange({ body, tenantId, actor, before: change.before, after: change.after });
    await this.reload().catch((err: unknown) =>
      this.deps.logger?.warn({ err }, 'control reload failed; the version poll retries'),
    );
    await this.deps.bus.announce('controls');
    return change.after;
  }

  /**
   * After the commit, never inside it: a failed alert insert must not roll back a halt. The alert
   * service does not throw, so an alert lost here is logged and the control still holds.
   */
  private async alertChange(o: {
    body: SetTradingControlBody;
    tenantId: string | null;
    actor: Actor;
    before: TradingControl | null;
    after: TradingControl;
  }): Promise<void> {
    const alerts = this.deps.alerts;
    if (!alerts) return;
    const plan = controlChangeAlerts({
      scope: o.body.scope,
      targetId: o.body.scope === 'global' ? null : (o.body.targetId ?? null),
      tenantId: o.tenantId,
      before: o.before?.mode ?? null,
      after: o.after.mode,
      reason: o.body.reason,
      by: o.actor.id,
    });
    if (plan.resolveSource) {
      await alerts
        .resolveSource({ tenantId: o.tenantId, source: plan.resolveSource, by: o.actor.id })
        .catch((err: unknown) => this.deps.logger?.warn({ err }, 'halt alert not resolved'));
    }
    if (plan.raise) await alerts.raiseAlert(plan.raise);
  }

  /**
   * A profile's control reaches its owner only (a colleague has no business knowing a profile
   * was paused); a tenant's reaches that tenant; a global one every trader. Admins see each on
   * their own namespace.
   */
  private publish(control: TradingControl): void {
    this.deps.publisher.toAdmins('control', control);
    if (control.scope === 'profile' && control.tenantId && control.targetId) {
      const tenantId = control.tenantId;
      void this.deps.store
        .getProfile(tenantScope(tenantId), control.targetId)
        .then((p) => {
          if (p) this.deps.publisher.toUser({ tenantId, userId: p.userId }, 'control', control);
        })
        .catch((err: unknown) => this.deps.logger?.warn({ err }, 'profile control push failed'));
    } else if (control.tenantId) this.deps.publisher.toTenant(control.tenantId, 'control', control);
    else this.deps.publisher.toAllTraders('control', control);
  }
}
