import type {
  AuditEvent,
  BotState,
  DynamicConfigEntry,
  SetTradingControlBody,
  TradingControl,
} from '@bytelyst/trading-contracts';
import type { Fixtures } from './fixtures';

/**
 * Admin state of the fake backend: controls that really change the bot state the status bar
 * shows, and dynamic config with optimistic versions so a stale write gets VERSION_CONFLICT.
 */
export function createFakeAdmin(fx: Fixtures, now: number) {
  const at = () => new Date().toISOString();
  const actor = { type: 'admin' as const, id: 'u-admin', tenantId: 'acme' };
  const controls: TradingControl[] = [
    {
      scope: 'global',
      targetId: null,
      tenantId: null,
      mode: 'RUNNING',
      reason: 'initial',
      actor: { type: 'system', id: 'seed', tenantId: null },
      version: 0,
      updatedAt: new Date(now).toISOString(),
      requestId: null,
    },
  ];
  const config: DynamicConfigEntry[] = [
    {
      key: 'flags.tabs.marketplace',
      value: false,
      version: 1,
      updatedAt: new Date(now).toISOString(),
      updatedBy: null,
    },
    {
      key: 'risk.maxOrderNotional',
      value: '2500',
      version: 4,
      updatedAt: new Date(now).toISOString(),
      updatedBy: actor,
    },
    {
      key: 'ui.banner',
      value: null,
      version: 0,
      updatedAt: new Date(now).toISOString(),
      updatedBy: null,
    },
  ];
  const audit: AuditEvent[] = [];
  const hash = (n: number) => n.toString(16).padStart(64, '0');
  const record = (
    e: Pick<AuditEvent, 'action' | 'target' | 'before' | 'after' | 'reason' | 'requestId'>,
  ) => {
    const seq = audit.length + 1;
    audit.unshift({
      id: `ae-${seq}`,
      seq,
      at: at(),
      actor,
      tenantId: 'acme',
      prevHash: hash(seq - 1),
      hash: hash(seq),
      ...e,
    });
  };

  const botState = (): BotState => {
    const global = controls.find((c) => c.scope === 'global')?.mode ?? 'RUNNING';
    const tenant =
      controls.find((c) => c.scope === 'tenant' && c.targetId === 'acme')?.mode ?? 'RUNNING';
    const reasons = [
      ...(global === 'RUNNING'
        ? []
        : [global === 'HALTED' ? ('GLOBAL_HALTED' as const) : ('GLOBAL_PAUSED' as const)]),
      ...(tenant === 'RUNNING'
        ? []
        : [tenant === 'HALTED' ? ('TENANT_HALTED' as const) : ('TENANT_PAUSED' as const)]),
    ];
    const halted = global === 'HALTED' || tenant === 'HALTED';
    const paused = !halted && (global === 'PAUSED' || tenant === 'PAUSED');
    return {
      ...fx.botState,
      status: halted ? 'halted' : paused ? 'paused' : 'running',
      globalMode: global,
      tenantMode: tenant,
      verdict: {
        canEnter: reasons.length === 0,
        canReduce: !halted,
        cancelOpenOrders: halted,
        reasons,
      },
      updatedAt: at(),
    };
  };

  const setControl = (
    body: SetTradingControlBody & { targetId?: string | null },
    requestId: string,
  ) => {
    const target = body.scope === 'global' ? null : (body.targetId ?? null);
    const i = controls.findIndex((c) => c.scope === body.scope && c.targetId === target);
    const before = controls[i] ?? null;
    if (before && body.expectedVersion !== undefined && body.expectedVersion !== before.version) {
      return {
        status: 409,
        body: {
          error: {
            code: 'VERSION_CONFLICT',
            message: 'The version is stale; reload and try again.',
            requestId,
          },
        },
      };
    }
    const next: TradingControl = {
      scope: body.scope,
      targetId: target,
      tenantId: body.scope === 'global' ? null : 'acme',
      mode: body.mode,
      reason: body.reason,
      actor,
      version: (before?.version ?? -1) + 1,
      updatedAt: at(),
      requestId,
    };
    if (i >= 0) controls[i] = next;
    else controls.push(next);
    record({
      action: 'control.set',
      target: `${body.scope}:${target ?? '*'}`,
      before: before?.mode ?? null,
      after: next.mode,
      reason: body.reason,
      requestId,
    });
    return { status: 200, body: next };
  };

  const putConfig = (
    body: {
      key: string;
      value: DynamicConfigEntry['value'];
      expectedVersion: number;
      reason: string;
    },
    requestId: string,
  ) => {
    // Like the real store: an unknown key is created by a write based on version 0.
    const existing = config.find((c) => c.key === body.key);
    const entry: DynamicConfigEntry = existing ?? {
      key: body.key as DynamicConfigEntry['key'],
      value: null,
      version: 0,
      updatedAt: at(),
      updatedBy: null,
    };
    if (entry.version !== body.expectedVersion) {
      return {
        status: 409,
        body: {
          error: {
            code: 'VERSION_CONFLICT',
            message: 'The version is stale; reload and try again.',
            requestId,
          },
        },
      };
    }
    const before = existing ? entry.value : null;
    if (!existing) config.push(entry);
    Object.assign(entry, {
      value: body.value,
      version: entry.version + 1,
      updatedAt: at(),
      updatedBy: actor,
    });
    record({
      action: 'config.set',
      target: body.key,
      before,
      after: body.value,
      reason: body.reason,
      requestId,
    });
    return { status: 200, body: entry };
  };

  /** Another operator's write, to provoke a version conflict from the browser. */
  const bumpConfig = (key: string, value: DynamicConfigEntry['value']) => {
    const entry = config.find((c) => c.key === key);
    if (entry) Object.assign(entry, { value, version: entry.version + 1, updatedAt: at() });
  };

  return { controls, config, audit, botState, setControl, putConfig, bumpConfig };
}
