import { PAPER_VENUE_TAG, type TradingProfile, type VenueTag } from '@bytelyst/trading-contracts';
import type { OrderState } from '../domain/orders/order.js';
import type { ExecutionClient } from '../ports/execution-client.js';
import { type TenantRuntime, PAPER_ACCOUNT, accountKeyOf } from './runtime.js';

/**
 * Routing of a tenant's venue calls to the account each profile trades on. A profile is a
 * sub-account: its orders, cancels and queries go through its account's client only, so one
 * account's keys never carry another account's orders.
 */

/** The account key of a profile of the tenant (the paper book for an unknown profile). */
export function accountOfProfile(tenant: TenantRuntime, profileId: string | null): string {
  const rt = profileId ? tenant.profiles.get(profileId) : undefined;
  return rt ? accountKeyOf(rt.profile) : PAPER_ACCOUNT;
}

/**
 * The venue tag of the account a profile trades on, for its new orders and its positions. The
 * account is open before the profile trades (reconciliation opens it); until then the tag still
 * names the account, without its venue.
 */
export function venueOfProfile(tenant: TenantRuntime, profile: TradingProfile): VenueTag {
  const key = accountKeyOf(profile);
  if (key === PAPER_ACCOUNT) return PAPER_VENUE_TAG;
  return tenant.accounts.get(key)?.venue ?? { accountId: key, venueId: 'unknown', label: key };
}

/**
 * The client an order goes through. An order of a profile whose account is not open would be
 * sent nowhere, so this throws: reconciliation opens every profile's account before trading.
 */
export function clientOfOrder(tenant: TenantRuntime, order: OrderState): ExecutionClient {
  return clientOfAccount(tenant, accountOfProfile(tenant, order.profileId));
}

export function clientOfAccount(tenant: TenantRuntime, key: string): ExecutionClient {
  const account = tenant.accounts.get(key);
  if (!account) throw new Error(`venue account ${key} of tenant ${tenant.id} is not open`);
  return account.client;
}

/**
 * Opens the clients of accounts the tenant's profiles name and the tenant does not hold yet. A
 * venue account that cannot be opened (keys revoked, the venue refusing them) is set aside in
 * `unavailableAccounts` with why, so only its profiles wait; the paper book failing still fails
 * the tenant (it is the tenant's own and every other profile is on it).
 */
export async function openProfileAccounts(tenant: TenantRuntime): Promise<void> {
  for (const rt of tenant.profiles.values()) {
    const key = accountKeyOf(rt.profile);
    if (tenant.accounts.has(key) || tenant.unavailableAccounts.has(key)) continue;
    if (!tenant.openAccount) throw new Error(`no venue account opener for tenant ${tenant.id}`);
    try {
      tenant.accounts.set(key, await tenant.openAccount(key));
    } catch (e) {
      if (key === PAPER_ACCOUNT) throw e;
      tenant.unavailableAccounts.set(key, `cannot be opened: ${reasonOf(e)}`);
    }
  }
}

/** Why a venue call failed, in one line for people (the venue's own message, shortened). */
export const reasonOf = (e: unknown): string =>
  (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').slice(0, 200);

/**
 * Records whether an account answered; the tenant counts as unreachable while any of its
 * accounts does not (the profiles on the others keep trading: control-verdict.ts).
 */
export function noteReachable(tenant: TenantRuntime, key: string, reachable: boolean): void {
  if (reachable) tenant.unreachableAccounts.delete(key);
  else tenant.unreachableAccounts.add(key);
  tenant.exchangeUnreachable = tenant.unreachableAccounts.size > 0;
}

/** Whether the profile's account is set aside (see `unavailableAccounts`). */
export function accountUnavailable(tenant: TenantRuntime, profile: TradingProfile): boolean {
  return tenant.unavailableAccounts.has(accountKeyOf(profile));
}

/** The profiles of the tenant that trade on one account. */
export function profilesOnAccount(tenant: TenantRuntime, key: string) {
  return [...tenant.profiles.values()].filter((rt) => accountKeyOf(rt.profile) === key);
}
