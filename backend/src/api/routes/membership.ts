import {
  AppError,
  DYNAMIC_CONFIG_CATALOG,
  MEMBERSHIP_PLANS,
  type MembershipPlan,
  type PlanId,
  type TradingProfile,
} from '@bytelyst/trading-contracts';
import type { ApiDeps } from './deps.js';
import type { TenantScope } from '../../ports/store.js';
import { allocatedCapital, planLimitBreach } from '../../domain/membership/plan-limits.js';

/** The plan every tenant is on unless an operator set another default in dynamic config. */
export const planOf = (deps: ApiDeps): PlanId =>
  deps.config.get('membership.defaultPlan') ??
  DYNAMIC_CONFIG_CATALOG['membership.defaultPlan'].default;

export async function membershipFor(
  deps: ApiDeps,
  scope: TenantScope,
  owner: { userId: string },
): Promise<MembershipPlan> {
  const plan = planOf(deps);
  const own = await deps.store.listProfiles(scope, { userId: owner.userId });
  return {
    plan,
    limits: MEMBERSHIP_PLANS[plan],
    usage: { profiles: own.length, capital: allocatedCapital(own.map((p) => p.capitalAllocation)) },
  };
}

/**
 * The one gate of plan limits, for every write that creates or reshapes a profile (create, copy
 * a preset, edit). Limits count against the profile's owner, whoever makes the change. Plans are
 * in force while membership is switched on (flag `tabs.membership`).
 */
export async function enforcePlanLimits(
  deps: ApiDeps,
  input: {
    scope: TenantScope;
    ownerId: string;
    symbols: readonly string[];
    capital: string;
    /** The profile being edited, when this is an edit. */
    replacing?: TradingProfile | undefined;
  },
): Promise<void> {
  if (!deps.flags.isOn('tabs.membership')) return;
  const m = await membershipFor(deps, input.scope, { userId: input.ownerId });
  const breach = planLimitBreach(m, {
    symbols: input.symbols.length,
    capital: input.capital,
    replacing: input.replacing ? { capital: input.replacing.capitalAllocation } : undefined,
  });
  if (!breach) return;
  const what = {
    maxProfiles: `${breach.allowed} profiles`,
    maxSymbolsPerProfile: `${breach.allowed} symbols per profile`,
    maxCapital: `${breach.allowed} of capital in total`,
  }[breach.limit];
  throw new AppError('UNPROCESSABLE', `Your ${m.plan} plan allows ${what}.`, {
    details: { reasons: ['PLAN_LIMIT'] },
  });
}
