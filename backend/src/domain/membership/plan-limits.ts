import type { MembershipPlan } from '@bytelyst/trading-contracts';
import { formatFixed, parseFixed } from '../money/fixed.js';

/** Capital already allocated across a user's profiles, exactly. */
export const allocatedCapital = (allocations: readonly string[]): string =>
  formatFixed(allocations.reduce((acc, x) => acc + parseFixed(x), 0n));

export type PlanLimitBreach =
  | { limit: 'maxProfiles'; allowed: number }
  | { limit: 'maxSymbolsPerProfile'; allowed: number }
  | { limit: 'maxCapital'; allowed: string };

/**
 * Whether a profile with these symbols and this capital fits the plan: one more profile, or, with
 * `replacing`, an existing profile's new shape (its old capital no longer counts). Every write
 * that creates or reshapes a profile asks this one function. A breach is data: the caller
 * decides how to refuse it.
 */
export function planLimitBreach(
  m: Pick<MembershipPlan, 'limits' | 'usage'>,
  next: { symbols: number; capital: string; replacing?: { capital: string } | undefined },
): PlanLimitBreach | null {
  if (!next.replacing && m.usage.profiles + 1 > m.limits.maxProfiles)
    return { limit: 'maxProfiles', allowed: m.limits.maxProfiles };
  if (next.symbols > m.limits.maxSymbolsPerProfile) {
    return { limit: 'maxSymbolsPerProfile', allowed: m.limits.maxSymbolsPerProfile };
  }
  const others = parseFixed(m.usage.capital) - parseFixed(next.replacing?.capital ?? '0');
  if (others + parseFixed(next.capital) > parseFixed(m.limits.maxCapital)) {
    return { limit: 'maxCapital', allowed: m.limits.maxCapital };
  }
  return null;
}
