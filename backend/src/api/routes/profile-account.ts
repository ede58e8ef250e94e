import { AppError, type StrategyConfig, type TradingProfile } from '@bytelyst/trading-contracts';
import { isLiveVenueAccount } from '../../domain/venues/venue-account.js';
import type { TenantScope } from '../../ports/store.js';
import type { ApiDeps } from './deps.js';

const OPEN_STATUSES = ['NEW', 'SUBMITTED', 'PARTIALLY_FILLED'] as const;

/**
 * The account id a profile of `ownerId` may be stored with: null for the owner's paper account
 * (the stored form of "paper", as before accounts existed), else a connected non-live venue
 * account the owner holds or the tenant shares. A live account is reached only by a promotion
 * (`promotion: true`), never by a plain edit.
 */
export async function resolveProfileAccount(
  deps: ApiDeps,
  o: { scope: TenantScope; ownerId: string; accountId: string | null; promotion?: boolean },
): Promise<string | null> {
  if (o.accountId === null) return null;
  const account = await deps.venueAccounts.account(o.scope, o.accountId).catch(() => null);
  // Another user's private account answers like a missing one.
  if (!account || (account.ownerUserId !== null && account.ownerUserId !== o.ownerId))
    throw new AppError('VALIDATION_FAILED', 'No such venue account.', {
      details: { issues: [{ path: 'body.venueAccountId', message: 'no such venue account' }] },
    });
  if (account.venueId === 'paper') return null;
  if (account.status === 'disconnected')
    throw new AppError('UNPROCESSABLE', 'This venue account is disconnected.', {
      details: { reasons: [`account ${account.id} disconnected`] },
    });
  if (isLiveVenueAccount(account) && !o.promotion)
    throw new AppError(
      'PROMOTION_REQUIRED',
      'A profile moves to a live account only through a promotion, after its paper record.',
      { details: { reasons: [`account ${account.id} is live`] } },
    );
  return account.id;
}

/**
 * A profile changes account only while it holds nothing: no open position and no order the
 * venue may still fill. Otherwise its books would sit on one account and its orders on another.
 */
export async function assertProfileFlat(
  deps: ApiDeps,
  o: { scope: TenantScope; profile: TradingProfile },
): Promise<void> {
  const positions = await deps.store.listPositions(o.scope, {
    profileId: o.profile.id,
    openOnly: true,
  });
  const orders = [];
  for (const status of OPEN_STATUSES) {
    const page = await deps.store.listOrders(o.scope, {
      profileId: o.profile.id,
      status,
      limit: 20,
    });
    orders.push(...page.items);
  }
  if (positions.length === 0 && orders.length === 0) return;
  throw new AppError(
    'PROFILE_NOT_FLAT',
    `Close the profile's ${positions.length} position(s) and cancel its ${orders.length} open order(s) before changing its account.`,
    {
      details: {
        reasons: [
          ...positions.map((p) => `position ${p.symbol} ${p.quantity}`),
          ...orders.map((x) => `order ${x.clientOrderId} ${x.side} ${x.symbol} ${x.status}`),
        ].slice(0, 50),
      },
    },
  );
}

/**
 * A profile on a live account trades only a model version a tenant admin or operator approved
 * after reading its card; paper and sandbox accounts need no approval. Checked wherever a
 * profile's strategy or account changes (the engine's model layer refuses entries as well).
 */
export async function assertModelApproved(
  deps: Pick<ApiDeps, 'venueAccounts' | 'models'>,
  o: { scope: TenantScope; strategy: StrategyConfig; accountId: string | null },
): Promise<void> {
  if (o.strategy.strategy !== 'model' || o.accountId === null) return;
  const account = await deps.venueAccounts.account(o.scope, o.accountId).catch(() => null);
  if (!account || !isLiveVenueAccount(account)) return;
  const version = o.strategy.params.modelVersion;
  const state = deps.models.forTenant(o.scope.tenantId, version);
  if (state && state.approvedAt !== null) return;
  throw new AppError(
    'MODEL_NOT_APPROVED',
    `Model version ${version} is not approved for live venues: a tenant admin approves it from its model card first.`,
    { details: { reasons: [`model ${version} not approved`, `account ${account.id} is live`] } },
  );
}
