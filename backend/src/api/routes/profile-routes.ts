import { profileToggleAlert } from '../../domain/alerts/control-alerts.js';
import {
  AppError,
  DEFAULT_RISK_LIMITS,
  compareDecimal,
  isAdminRole,
  type StrategyConfig,
  type TradingProfile,
  effectiveProfileState,
  IDEMPOTENCY_HEADER,
} from '@bytelyst/trading-contracts';
import { realActor } from '../security-audit.js';
import type { Principal } from '../auth/principal.js';
import type { AuthedContext, RouteHandlers } from '../http/route-context.js';
import { viaOf } from '../client-surface.js';
import { idempotent } from './idempotency.js';
import type { ApiDeps } from './deps.js';
import { enforcePlanLimits } from './membership.js';
import { announceProfileChange } from './profile-changes.js';
import { assertProfileVisible } from './visibility.js';
import {
  assertModelApproved,
  assertProfileFlat,
  resolveProfileAccount,
} from './profile-account.js';
import type { TenantScope } from '../../ports/store.js';

type ProfileRoutes = Pick<
  RouteHandlers,
  | 'listProfiles'
  | 'getProfile'
  | 'createProfile'
  | 'updateProfile'
  | 'deleteProfile'
  | 'enableProfile'
  | 'disableProfile'
>;

const actorOf = (p: Principal) => realActor(p);

/**
 * A capital below a symbol's minimum notional could never place an order the venue accepts;
 * refused with the numbers, so web, mobile and the API hold the same rule.
 */
export function assertCapitalTradable(
  deps: ApiDeps,
  options: { symbols: readonly string[]; capital: string },
): void {
  const issues = deps.engine
    .instruments()
    .filter(
      (i) =>
        options.symbols.includes(i.symbol) && compareDecimal(options.capital, i.minNotional) < 0,
    )
    .map((i) => ({
      path: 'body.capitalAllocation',
      message: `must be at least ${i.minNotional}, the minimum order of ${i.symbol}`,
    }));
  if (issues.length)
    throw new AppError('VALIDATION_FAILED', "The capital is below a symbol's minimum order.", {
      details: { issues },
    });
}

/** A model strategy must name a model version its tenant holds (another tenant's reads as unknown). */
export function assertKnownModel(
  deps: ApiDeps,
  tenantId: string,
  strategy: StrategyConfig | undefined,
): void {
  if (strategy?.strategy !== 'model') return;
  if (deps.models.forTenant(tenantId, strategy.params.modelVersion)) return;
  throw new AppError(
    'VALIDATION_FAILED',
    `Unknown model version: ${strategy.params.modelVersion}.`,
    {
      details: {
        issues: [
          {
            path: 'body.strategy.params.modelVersion',
            message: 'no model version of this tenant has this id',
          },
        ],
      },
    },
  );
}

export function assertKnownSymbols(deps: ApiDeps, symbols: readonly string[]): void {
  const known = new Set(deps.engine.instruments().map((i) => i.symbol));
  const unknown = symbols.filter((s) => !known.has(s));
  if (unknown.length) {
    throw new AppError('VALIDATION_FAILED', `Unknown symbol: ${unknown.join(', ')}.`, {
      details: {
        issues: unknown.map((s) => ({ path: 'body.symbols', message: `unknown symbol ${s}` })),
      },
    });
  }
}

export const profileRoutes = (deps: ApiDeps): ProfileRoutes => {
  const load = async (
    scope: TenantScope,
    principal: Principal,
    id: string,
  ): Promise<TradingProfile> => {
    await assertProfileVisible(deps.profiles, principal, id);
    const p = await deps.store.getProfile(scope, id);
    if (!p) throw new AppError('NOT_FOUND', 'No such profile.');
    return p;
  };
  const changed = async (profile: TradingProfile, o: { removed: boolean } = { removed: false }) => {
    if (o.removed) deps.engine.removeProfile(profile.tenantId, profile.id);
    else deps.engine.upsertProfile(profile);
    await announceProfileChange(deps, profile, {
      removed: o.removed,
      at: new Date().toISOString(),
    });
  };

  /** The profile as answered: with the state every control layer leaves it in right now. */
  const withEffective = (p: TradingProfile): TradingProfile => ({
    ...p,
    effective: effectiveProfileState({
      enabled: p.enabled,
      // The loop's reason carries the figures (books vs venue); the stored one may lag it.
      blockedReason: deps.engine.blockedReason(p.tenantId, p.id) ?? p.blockedReason,
      reasons: deps.engine.verdictFor(p.tenantId, p.id).reasons,
      // The kill switch's own words; a drift's figures are in its alert and decisions.
      modelReason:
        p.strategy.strategy === 'model'
          ? (deps.models.forTenant(p.tenantId, p.strategy.params.modelVersion)?.disabledReason ??
            null)
          : null,
    }),
  });

  /**
   * Pause (disable) or resume (enable). With an Idempotency-Key (the app always sends one) a
   * repeat replays the first answer; the audit row names the phone when the app made the change.
   */
  const setEnabled = async (
    ctx: AuthedContext<'enableProfile' | 'disableProfile'>,
    enabled: boolean,
  ): Promise<TradingProfile> => {
    const { scope, principal, params, requestId, request, reply } = ctx;
    const run = async () => {
      await load(scope, principal, params.id);
      const change = await deps.store.setProfileEnabled(scope, { id: params.id, enabled });
      await deps.audit.record({
        actor: actorOf(principal),
        tenantId: scope.tenantId,
        action: enabled ? 'profile.enable' : 'profile.disable',
        target: `profile:${params.id}`,
        before: { enabled: change.before?.enabled ?? null },
        after: { enabled, ...viaOf(request) },
        requestId,
      });
      if (change.before?.enabled !== enabled)
        await deps.alerts.raiseAlert(
          profileToggleAlert({
            tenantId: scope.tenantId,
            profileId: params.id,
            name: change.after.name,
            enabled,
            by: actorOf(principal).id,
          }),
        );
      await changed(change.after);
      return { status: 200, body: withEffective(change.after) };
    };
    if (!request.headers[IDEMPOTENCY_HEADER]) return (await run()).body;
    return idempotent({ store: deps.store, scope, userId: principal.userId, request, reply }, run);
  };

  return {
    listProfiles: async ({ scope, principal }) => {
      const all = await deps.profiles.profiles(scope.tenantId);
      const mine = isAdminRole(principal.role)
        ? all
        : all.filter((p) => p.userId === principal.userId);
      return { items: mine.map(withEffective) };
    },
    getProfile: async ({ scope, principal, params }) =>
      withEffective(await load(scope, principal, params.id)),
    createProfile: async ({ scope, principal, body, requestId }) => {
      assertKnownSymbols(deps, body.symbols);
      assertKnownModel(deps, scope.tenantId, body.strategy);
      assertCapitalTradable(deps, { symbols: body.symbols, capital: body.capitalAllocation });
      await enforcePlanLimits(deps, {
        scope,
        ownerId: principal.userId,
        symbols: body.symbols,
        capital: body.capitalAllocation,
      });
      const venueAccountId = await resolveProfileAccount(deps, {
        scope,
        ownerId: principal.userId,
        accountId: body.venueAccountId ?? null,
      });
      const profile = await deps.store.createProfile(scope, {
        venueAccountId,
        userId: principal.userId,
        name: body.name,
        symbols: body.symbols,
        timeframe: body.timeframe,
        strategy: body.strategy,
        capitalAllocation: body.capitalAllocation,
        risk: body.risk ?? DEFAULT_RISK_LIMITS,
        enabled: body.enabled,
      });
      await deps.audit.record({
        actor: actorOf(principal),
        tenantId: scope.tenantId,
        action: 'profile.create',
        target: `profile:${profile.id}`,
        after: {
          name: profile.name,
          enabled: profile.enabled,
          venueAccountId: profile.venueAccountId,
        },
        requestId,
      });
      await changed(profile);
      return profile;
    },
    updateProfile: async ({ scope, principal, params, body, requestId }) => {
      const current = await load(scope, principal, params.id);
      if (body.symbols) assertKnownSymbols(deps, body.symbols);
      assertKnownModel(deps, scope.tenantId, body.strategy);
      if (body.symbols || body.capitalAllocation)
        assertCapitalTradable(deps, {
          symbols: body.symbols ?? current.symbols,
          capital: body.capitalAllocation ?? current.capitalAllocation,
        });
      await enforcePlanLimits(deps, {
        scope,
        ownerId: current.userId,
        symbols: body.symbols ?? current.symbols,
        capital: body.capitalAllocation ?? current.capitalAllocation,
        replacing: current,
      });
      const { expectedVersion, venueAccountId: requested, ...rest } = body;
      let patch: typeof rest & { venueAccountId?: string | null; rampUp?: null } = rest;
      if (requested !== undefined) {
        const venueAccountId = await resolveProfileAccount(deps, {
          scope,
          ownerId: current.userId,
          accountId: requested,
        });
        if (venueAccountId !== current.venueAccountId) {
          await assertProfileFlat(deps, { scope, profile: current });
          // Off a live account the ramp-up ends; a later promotion starts a new one.
          patch = { ...rest, venueAccountId, rampUp: null };
        }
      }
      await assertModelApproved(deps, {
        scope,
        strategy: body.strategy ?? current.strategy,
        accountId:
          'venueAccountId' in patch ? (patch.venueAccountId ?? null) : current.venueAccountId,
      });
      const change = await deps.store.updateProfile(scope, {
        id: params.id,
        expectedVersion,
        patch,
      });
      await deps.audit.record({
        actor: actorOf(principal),
        tenantId: scope.tenantId,
        action: 'profile.update',
        target: `profile:${params.id}`,
        before: {
          version: change.before?.version ?? null,
          ...('venueAccountId' in patch && { venueAccountId: current.venueAccountId }),
        },
        after: {
          version: change.after.version,
          fields: Object.keys(patch),
          ...('venueAccountId' in patch && { venueAccountId: change.after.venueAccountId }),
        },
        requestId,
      });
      await changed(change.after);
      return change.after;
    },
    deleteProfile: async ({ scope, principal, params, requestId }) => {
      await load(scope, principal, params.id);
      const open = await deps.store.listPositions(scope, { profileId: params.id, openOnly: true });
      if (open.length)
        throw new AppError('CONFLICT', "Close the profile's open positions before deleting it.");
      const removed = await deps.store.deleteProfile(scope, { id: params.id });
      await deps.audit.record({
        actor: actorOf(principal),
        tenantId: scope.tenantId,
        action: 'profile.delete',
        target: `profile:${params.id}`,
        before: { name: removed.name },
        requestId,
      });
      await changed(removed, { removed: true });
      return { ok: true as const };
    },
    enableProfile: (ctx) => setEnabled(ctx, true),
    disableProfile: (ctx) => setEnabled(ctx, false),
  };
};

export { actorOf };
