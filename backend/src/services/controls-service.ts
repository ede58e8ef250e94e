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
}

/**
 * Global, tenant and profile trading modes: authorised by the route, versioned in the store,
 * audited with before/after/reason/request id, pushed to every surface, and re-read by every
 * instance on a change notification so the loop owner applies it wherever it runs.
 */
export class ControlsService {
  private layers: ControlLayers = {
    global: 'RUNNING',
    tenants: new Map(),
    profiles: new Map(),
    disabledTenants: new Set(),
  };
  private readonly listeners = new Set<(layers: ControlLayers) => void>();

  constructor(private readonly deps: ControlsServiceDeps) {
    deps.bus.subscribe((topic) => {
      if (topic === 'controls' || topic === 'tenants') void this.reload();
    });
  }

  current(): ControlLayers {
    return this.layers;
  }

  onChange(listener: (layers: ControlLayers) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async reload(): Promise<ControlLayers> {
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
  }): Promise<TradingControl> {
    const { body, actor, requestId } = input;
    if (body.scope === 'global' && body.targetId) {
      throw new AppError('VALIDATION_FAILED', 'global scope takes no targetId', {
        details: { issues: [{ path: 'body.targetId', message: 'must be null for global scope' }] },
      });
    }
    const tenantId = await this.owningTenant(body);
    const change = await this.deps.store.withTransaction(async (tx) => {
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
    this.deps.audit.publish(change.row);
    this.publish(change.after);
    await this.reload();
    await this.deps.bus.publish('controls');
    return change.after;
  }

  private publish(control: TradingControl): void {
    this.deps.publisher.toAdmins('control', control);
    if (control.tenantId) this.deps.publisher.toTenant(control.tenantId, 'control', control);
    else this.deps.publisher.toAllTraders('control', control);
  }
}
