import { AppError, isAdminRole } from '@bytelyst/trading-contracts';
import type { Principal } from '../auth/principal.js';
import type { TradingProfile } from '@bytelyst/trading-contracts';
import type { ProfileDirectory } from '../../services/profile-directory.js';

/**
 * Which of a tenant's profiles the caller may see: all of them for an admin (their tenant only),
 * only their own for a user (and for an admin previewing a customer). Returns null for "all".
 */
export async function visibleProfileIds(
  dir: ProfileDirectory,
  principal: Principal,
): Promise<ReadonlySet<string> | null> {
  if (isAdminRole(principal.role)) return null;
  const all = await dir.profiles(principal.tenantId);
  let byUser = ownedCache.get(all);
  if (!byUser) ownedCache.set(all, (byUser = new Map<string, ReadonlySet<string>>()));
  let owned = byUser.get(principal.userId);
  if (!owned) {
    owned = new Set(all.filter((p) => p.userId === principal.userId).map((p) => p.id));
    byUser.set(principal.userId, owned);
  }
  return owned;
}

/**
 * A user's profile ids per directory list: the directory hands out a new list whenever a
 * profile changes, so a list object always maps to the same answer. Callers only read the set.
 */
const ownedCache = new WeakMap<readonly TradingProfile[], Map<string, ReadonlySet<string>>>();

/** A profile id the caller may not see answers exactly like one that does not exist. */
export async function assertProfileVisible(
  dir: ProfileDirectory,
  principal: Principal,
  profileId: string,
): Promise<TradingProfile> {
  const all = await dir.profiles(principal.tenantId);
  const p = all.find((x) => x.id === profileId);
  if (!p || (!isAdminRole(principal.role) && p.userId !== principal.userId))
    throw new AppError('NOT_FOUND', 'No such profile.');
  return p;
}

/** Keeps rows of visible profiles only (a user never sees a colleague's rows). */
export function onlyVisible<T extends { profileId: string | null }>(
  rows: T[],
  visible: ReadonlySet<string> | null,
): T[] {
  if (!visible) return rows;
  return rows.filter((r) => r.profileId !== null && visible.has(r.profileId));
}
