import { PAPER_VENUE_TAG, type TradingProfile, type VenueTag } from '@bytelyst/trading-contracts';
import type { ExecutionClient } from '../ports/execution-client.js';
import type { EngineContext } from './context.js';
import { followReports } from './report-inbox.js';
import { reconcileTenant } from './reconciliation.js';
import { type AccountRuntime, type TenantRuntime, accountKeyOf } from './runtime.js';

type Guard = (task: () => Promise<void>) => Promise<void>;

/** Connects an account's client and follows its pushed reports into the tenant's inbox. */
export async function connectAccount(
  ctx: EngineContext,
  o: {
    tenant: TenantRuntime;
    key: string;
    client: ExecutionClient;
    venue?: VenueTag;
    guard: Guard;
  },
): Promise<AccountRuntime> {
  const account = o.tenant.accounts.get(o.key) ?? {
    key: o.key,
    client: o.client,
    venue: o.venue ?? PAPER_VENUE_TAG,
    unsubscribe: null,
  };
  await o.client.connect();
  account.unsubscribe = followReports(ctx, { tenant: o.tenant, client: o.client, guard: o.guard });
  return account;
}

/**
 * How a tenant opens a venue account: its own client, connected and following its reports, with
 * its venue tag (the account id alone when no tag source is given). A client that could not
 * connect is disposed: reconciliation tries the account again with a fresh one.
 */
export function accountOpener(
  ctx: EngineContext,
  o: {
    tenant: TenantRuntime;
    guard: Guard;
    client: (key: string) => Promise<ExecutionClient>;
    venueTag: (key: string) => Promise<VenueTag> | undefined;
  },
): (key: string) => Promise<AccountRuntime> {
  return async (key) => {
    const client = await o.client(key);
    try {
      const venue = (await o.venueTag(key)) ?? { accountId: key, venueId: 'unknown', label: key };
      return await connectAccount(ctx, { tenant: o.tenant, key, client, venue, guard: o.guard });
    } catch (e) {
      await client.dispose().catch(() => undefined);
      throw e;
    }
  };
}

/** Lets go of every account of a stopped tenant (dispose is safe twice: clients may repeat). */
export async function disposeAccounts(tenant: TenantRuntime): Promise<void> {
  for (const account of tenant.accounts.values()) {
    account.unsubscribe?.();
    await account.client.dispose();
  }
}

/** Opens and reconciles the profile's account when the tenant does not trade on it yet. */
export async function reconcileIfNewAccount(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; profile: TradingProfile },
): Promise<boolean> {
  if (o.tenant.accounts.has(accountKeyOf(o.profile))) return false;
  await reconcileTenant(ctx, { tenant: o.tenant });
  return true;
}
