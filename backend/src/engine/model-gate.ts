import type { ModelGate } from '../domain/controls/controls.js';
import { type ModelVersionState, tenantModel } from '../domain/strategies/model-strategy.js';
import type { EngineContext } from './context.js';
import { type ProfileRuntime, type TenantRuntime, accountKeyOf } from './runtime.js';

/** The version a model profile trades on, bound to its tenant; undefined for rule strategies. */
function versionOf(ctx: EngineContext, rt: ProfileRuntime): ModelVersionState | undefined {
  const s = rt.profile.strategy;
  return s.strategy === 'model'
    ? tenantModel(ctx.models, rt.profile.tenantId, s.params.modelVersion)
    : undefined;
}

/**
 * The model layer of a profile's controls: absent for rule strategies. A version the process
 * does not hold is not a control (the strategy holds with `MODEL_UNAVAILABLE`).
 */
export function modelGateOf(
  ctx: EngineContext,
  tenant: TenantRuntime | undefined,
  rt: ProfileRuntime,
): ModelGate | undefined {
  if (rt.profile.strategy.strategy !== 'model') return undefined;
  const version = versionOf(ctx, rt);
  // The account's client says whether its orders move real money (a live venue account).
  const live = tenant?.accounts.get(accountKeyOf(rt.profile))?.client.realMoney === true;
  return {
    disabled: version !== undefined && version.disabledReason !== null,
    drifted: rt.modelDrift !== null,
    notApproved: live && version !== undefined && version.approvedAt === null,
  };
}
