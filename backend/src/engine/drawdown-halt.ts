import type { RiskDenial } from '../domain/risk/rules.js';
import type { EngineContext } from './context.js';
import type { ProfileRuntime, TenantRuntime } from './runtime.js';
import type { UnitOfWork } from './unit-of-work.js';

/** The alert a drawdown halt raises (surfaces and the backtest summary look for it). */
export const MAX_DRAWDOWN_HALT_ALERT = 'MAX_DRAWDOWN_HALT';

/** A fraction from a risk verdict ("0.2002632", 0.2) as a person reads it ("20.03%"); text only. */
const asPercent = (v: unknown): string => {
  const n = Number(v);
  return Number.isFinite(n) ? `${(n * 100).toFixed(2).replace(/\.?0+$/, '')}%` : String(v);
};

/** Halts a profile whose drawdown breached its limit: no orders until an operator resumes it. */
export function haltForDrawdown(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; profile: ProfileRuntime; denial: RiskDenial; uow: UnitOfWork },
): void {
  const p = options.profile.profile;
  if (options.profile.haltedReason !== null) return;
  // Held in the engine (not the control maps the API refreshes) until a new profile version.
  options.profile.haltedReason = 'MAX_DRAWDOWN';
  options.tenant.needsCancelSweep = true;
  options.uow.alert({
    profileId: p.id,
    severity: 'critical',
    code: MAX_DRAWDOWN_HALT_ALERT,
    message: `profile ${p.name} halted: drawdown ${asPercent(options.denial.values.drawdownPct)} reached its ${asPercent(options.denial.values.limitPct)} limit`,
    key: `drawdown-halt|${p.id}|${p.version}`,
  });
  options.uow.auditEvent({
    at: new Date(ctx.clock.now()).toISOString(),
    actor: { type: 'system', id: ctx.instanceId, tenantId: p.tenantId },
    tenantId: p.tenantId,
    action: 'profile.blocked',
    target: `profile:${p.id}`,
    before: { mode: p.mode },
    after: { mode: 'HALTED' },
    reason: 'MAX_DRAWDOWN',
    requestId: null,
  });
}
