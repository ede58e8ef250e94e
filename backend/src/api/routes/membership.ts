import {
  AppError,
  MEMBERSHIP_PLANS,
  type MembershipPlan,
  type PlanId,
} from '@bytelyst/trading-contracts';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from './deps.js';
import type { TenantScope } from '../../ports/store.js';
import { allocatedCapital, planLimitBreach } from '../../domain/membership/plan-limits.js';

/** The plan every tenant is on unless an operator set another default in dynamic config. */
export const planOf = (d: ApiDeps): PlanId => d.config.get('membership.defaultPlan') ?? 'pro';

export async function membershipFor(
  d: ApiDeps,
  scope: TenantScope,
  principal: Principal,
): Promise<MembershipPlan> {
  const plan = planOf(d);
  const own = await d.store.listProfiles(scope, { userId: principal.userId });
  return {
    plan,
    limits: MEMBERSHIP_PLANS[plan],
    usage: { profiles: own.length, capital: allocatedCapital(own.map((p) => p.capitalAllocation)) },
  };
}

export async function enforcePlanLimits(
  d: ApiDeps,
  input: { scope: TenantScope; principal: Principal; symbols: readonly string[]; capital: string },
): Promise<void> {
  const m = await membershipFor(d, input.scope, input.principal);
  const breach = planLimitBreach(m, { symbols: input.symbols.length, capital: input.capital });
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
