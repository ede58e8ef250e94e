import { AppError } from '@bytelyst/trading-contracts';
import type { Principal } from '../auth/principal.js';
import type { MarketDataFeed } from '../../ports/market-data.js';
import type { TenantScope } from '../../ports/store.js';
import type { ApiDeps } from './deps.js';
import { callerOf } from './venue-account-routes.js';

/**
 * The market a read asks for: the venue feed of one of the caller's venue accounts (another
 * user's or tenant's account answers 404, like a missing one), or null for the simulated market
 * (no account, or a paper account). A venue that cannot be reached answers as the feed's start
 * failed (EXCHANGE_UNAVAILABLE), never with another market's prices.
 */
export async function marketOf(
  deps: Pick<ApiDeps, 'venueAccounts' | 'venueMarket'>,
  o: { scope: TenantScope; principal: Principal; requestId: string; account: string | undefined },
): Promise<MarketDataFeed | null> {
  if (!o.account) return null;
  const account = await deps.venueAccounts.visibleAccount(o.scope, {
    caller: callerOf(o.principal, o.requestId),
    id: o.account,
  });
  return deps.venueMarket(account).catch(() => {
    throw new AppError(
      'EXCHANGE_UNAVAILABLE',
      `The market data of ${account.venueId} is not reachable right now; try again shortly.`,
    );
  });
}
