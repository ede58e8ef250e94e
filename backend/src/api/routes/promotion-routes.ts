import {
  AppError,
  type BacktestJob,
  type PromotionBacktest,
  type PromotionReview,
  type TradingProfile,
} from '@bytelyst/trading-contracts';
import {
  paperRecordOf,
  promotionChecks,
  promotionShortfalls,
  rampUpFor,
} from '../../domain/venues/promotion.js';
import { isLiveVenueAccount } from '../../domain/venues/venue-account.js';
import type { TenantScope } from '../../ports/store.js';
import type { Principal } from '../auth/principal.js';
import type { RouteHandlers } from '../http/route-context.js';
import { realActor } from '../security-audit.js';
import type { ApiDeps } from './deps.js';
import { assertModelApproved, assertProfileFlat } from './profile-account.js';
import { announceProfileChange } from './profile-changes.js';
import { assertProfileVisible } from './visibility.js';

type PromotionRoutes = Pick<
  RouteHandlers,
  'promotionPolicy' | 'adminPutPromotionPolicy' | 'profilePromotion' | 'promoteProfile'
>;

const DAY_MS = 86_400_000;
const ROWS = 5000;

/** The newest finished backtest of the owner with the profile's strategy, symbol and timeframe. */
function latestBacktest(jobs: readonly BacktestJob[], p: TradingProfile): PromotionBacktest | null {
  const job = jobs.find(
    (j) =>
      j.status === 'done' &&
      j.summary !== null &&
      j.request.strategy.strategy === p.strategy.strategy &&
      j.request.timeframe === p.timeframe &&
      p.symbols.includes(j.request.symbol),
  );
  if (!job?.summary) return null;
  return {
    id: job.id,
    finishedAt: job.finishedAt,
    symbol: job.request.symbol,
    trades: job.summary.trades,
    returnPct: job.summary.returnPct,
    maxDrawdownPct: job.summary.maxDrawdownPct,
    netPnl: job.summary.net?.netPnl ?? null,
  };
}

/**
 * Paper first, then live: the review (paper record beside the latest backtest, against the
 * tenant's policy) and the promotion itself, which alone moves a profile to a live account.
 */
export const promotionRoutes = (deps: ApiDeps): PromotionRoutes => {
  const review = async (
    scope: TenantScope,
    o: { profile: TradingProfile; days: number | undefined },
  ): Promise<PromotionReview> => {
    const policy = await deps.store.getPromotionPolicy(scope);
    const to = Date.now();
    const from = to - (o.days ?? policy.recordDays) * DAY_MS;
    const range = {
      profileId: o.profile.id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      limit: ROWS,
    };
    const [trades, equity, jobs] = await Promise.all([
      deps.store.tradesRange(scope, range),
      deps.store.equityRange(scope, range),
      deps.store.listBacktests(scope, { userId: o.profile.userId, limit: 50 }),
    ]);
    const record = paperRecordOf({
      from,
      to,
      createdAt: Date.parse(o.profile.createdAt),
      capital: o.profile.capitalAllocation,
      trades,
      equity,
    });
    const shortfalls = promotionShortfalls(record, policy);
    return {
      profileId: o.profile.id,
      record,
      backtest: latestBacktest(jobs, o.profile),
      policy,
      checks: promotionChecks(record, policy),
      shortfalls,
      eligible: shortfalls.length === 0,
    };
  };

  const load = async (scope: TenantScope, principal: Principal, id: string) => {
    await assertProfileVisible(deps.profiles, principal, id);
    const p = await deps.store.getProfile(scope, id);
    if (!p) throw new AppError('NOT_FOUND', 'No such profile.');
    return p;
  };

  return {
    promotionPolicy: ({ scope }) => deps.store.getPromotionPolicy(scope),
    adminPutPromotionPolicy: async ({ scope, principal, body, requestId }) => {
      const actor = realActor(principal);
      const { reason, ...policy } = body;
      const { before, after } = await deps.store.putPromotionPolicy(scope, {
        policy,
        by: actor.id,
      });
      await deps.audit.record({
        actor,
        tenantId: scope.tenantId,
        action: 'promotion_policy.set',
        target: `tenant:${scope.tenantId}`,
        before: { ...before },
        after: { ...after },
        reason,
        requestId,
      });
      return after;
    },
    profilePromotion: async ({ scope, principal, params, query }) =>
      review(scope, { profile: await load(scope, principal, params.id), days: query.days }),
    promoteProfile: async ({ scope, principal, params, body, requestId }) => {
      const profile = await load(scope, principal, params.id);
      // The step to real money is the owner's own decision, confirmed by them.
      if (profile.userId !== principal.userId)
        throw new AppError('FORBIDDEN', "Only the profile's owner promotes it to a live account.");
      const account = await deps.venueAccounts
        .account(scope, body.venueAccountId)
        .catch(() => null);
      if (!account || (account.ownerUserId !== null && account.ownerUserId !== profile.userId))
        throw new AppError('NOT_FOUND', 'No such venue account.');
      if (!isLiveVenueAccount(account) || account.status === 'disconnected')
        throw new AppError(
          'UNPROCESSABLE',
          'A promotion moves a profile to a connected live account.',
          {
            details: { reasons: [`account ${account.id} is ${account.mode}, ${account.status}`] },
          },
        );
      await assertProfileFlat(deps, { scope, profile });
      // A model profile goes live only on a version a tenant admin approved from its card.
      await assertModelApproved(deps, {
        scope,
        strategy: profile.strategy,
        accountId: account.id,
      });
      const r = await review(scope, { profile, days: body.days });
      if (!r.eligible)
        throw new AppError(
          'PAPER_RECORD_INSUFFICIENT',
          `The paper record does not meet the policy yet: ${r.shortfalls.join('; ')}.`,
          { details: { reasons: r.shortfalls } },
        );
      const rampUp = rampUpFor(r.policy, Date.now());
      const change = await deps.store.updateProfile(scope, {
        id: profile.id,
        expectedVersion: body.expectedVersion,
        patch: { venueAccountId: account.id, rampUp },
      });
      await deps.audit.record({
        actor: realActor(principal),
        tenantId: scope.tenantId,
        action: 'profile.promote',
        target: `profile:${profile.id}`,
        before: { venueAccountId: profile.venueAccountId, version: profile.version },
        after: {
          venueAccountId: account.id,
          venueId: account.venueId,
          version: change.after.version,
          rampUp,
          record: r.record,
          backtest: r.backtest,
          policy: {
            minPaperDays: r.policy.minPaperDays,
            minTrades: r.policy.minTrades,
            recordDays: r.policy.recordDays,
            minReturnPct: r.policy.minReturnPct,
            maxDrawdownPct: r.policy.maxDrawdownPct,
          },
        },
        reason: 'confirmed by the owner on the promotion screen',
        requestId,
      });
      deps.engine.upsertProfile(change.after);
      await announceProfileChange(deps, change.after, {
        removed: false,
        at: new Date().toISOString(),
      });
      return change.after;
    },
  };
};
