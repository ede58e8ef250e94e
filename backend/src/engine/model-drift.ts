import type { EngineContext } from './context.js';
import type { ProfileRuntime, TenantRuntime, TradedSymbol } from './runtime.js';
import type { UnitOfWork } from './unit-of-work.js';

/** The alert code of a drift breach (kind `model_drift`). */
export const MODEL_DRIFT_ALERT = 'MODEL_DRIFT';

/**
 * Takes a slot's new drift breach into its profile (the controls' model layer then refuses its
 * entries). True the first time, so the caller gives the profile a step that raises the alert.
 */
export function noteDrift(slot: TradedSymbol): boolean {
  const breach = slot.strategy.driftBreach;
  if (breach == null || slot.profile.modelDrift !== null) return false;
  slot.profile.modelDrift = `${slot.symbol}: ${breach}`;
  return true;
}

/** The drift alert's key: one per profile version (a save starts the watch afresh). */
export const driftAlertKey = (p: { id: string; version: number }) =>
  `model-drift|${p.id}|${p.version}`;

/** One alert and one audit row per drifted profile version (the key makes repeats no-ops). */
export function raiseDrift(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; profile: ProfileRuntime; uow: UnitOfWork },
): void {
  const { profile, uow } = options;
  const p = profile.profile;
  const drift = profile.modelDrift;
  if (drift === null || p.strategy.strategy !== 'model') return;
  const key = driftAlertKey(p);
  if (options.tenant.alerted.has(key)) return;
  uow.alert({
    profileId: p.id,
    severity: 'warning',
    code: MODEL_DRIFT_ALERT,
    message: `profile ${p.name} on model ${p.strategy.params.modelVersion} drifted; entries stop until the profile is saved again: ${drift}`,
    key,
  });
  uow.auditEvent({
    at: new Date(ctx.clock.now()).toISOString(),
    actor: { type: 'system', id: ctx.instanceId, tenantId: p.tenantId },
    tenantId: p.tenantId,
    action: 'model.drift',
    target: `profile:${p.id}`,
    before: null,
    after: { modelVersion: p.strategy.params.modelVersion, drift },
    reason: 'MODEL_DRIFT',
    requestId: null,
  });
}
