import type { TradingProfile, VenueTag } from '@bytelyst/trading-contracts';
import type { ExecutionClient } from '../ports/execution-client.js';
import type { EngineContext } from './context.js';
import { followReports } from './report-inbox.js';
import { reconcileTenant } from './reconciliation.js';
import { type AccountRuntime, type TenantRuntime, accountKeyOf } from './runtime.js';

type Guard = (task: () => Promise<void>) => Promise<void>;

/** Connects an account's client and follows its pushed reports into the tenant's inbox. */
export async function connectAccount(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; key: string; client: ExecutionClient; venue: VenueTag; guard: Guard },
): Promise<AccountRuntime> {
  const account = o.tenant.accounts.get(o.key) ?? {
    key: o.key,
    client: o.client,
    venue: o.venue,
    unsubscribe: null,
  };
  await o.client.connect();
  account.unsubscribe = followReports(ctx, { tenant: o.tenant, client: o.client, guard: o.guard });
  return account;
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
