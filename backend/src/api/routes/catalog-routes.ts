import { AppError } from '@bytelyst/trading-contracts';
import { MARKETPLACE_PRESETS } from '../../domain/marketplace/presets.js';
import type { RouteHandlers } from '../http/route-context.js';
import type { ApiDeps } from './deps.js';
import { enforcePlanLimits, membershipFor } from './membership.js';
import { actorOf, assertKnownSymbols } from './profile-routes.js';
import { announceProfileChange } from './profile-changes.js';

type CatalogRoutes = Pick<RouteHandlers, 'marketplacePresets' | 'marketplaceCopy' | 'membership'>;

export const catalogRoutes = (deps: ApiDeps): CatalogRoutes => {
  const requireFlag = (flag: 'tabs.marketplace' | 'tabs.membership') => {
    if (!deps.flags.isOn(flag)) throw new AppError('FEATURE_DISABLED');
  };
  const known = () => new Set(deps.engine.instruments().map((i) => i.symbol));
  return {
    marketplacePresets: async () => {
      requireFlag('tabs.marketplace');
      const symbols = known();
      return { items: MARKETPLACE_PRESETS.filter((p) => p.symbols.every((s) => symbols.has(s))) };
    },
    marketplaceCopy: async ({ scope, principal, body, requestId }) => {
      requireFlag('tabs.marketplace');
      const preset = MARKETPLACE_PRESETS.find((p) => p.id === body.presetId);
      if (!preset) throw new AppError('NOT_FOUND', 'No such preset.');
      assertKnownSymbols(deps, preset.symbols);
      await enforcePlanLimits(deps, {
        scope,
        ownerId: principal.userId,
        symbols: preset.symbols,
        capital: body.capitalAllocation,
      });
      const profile = await deps.store.createProfile(scope, {
        userId: principal.userId,
        name: body.name ?? preset.name,
        symbols: preset.symbols,
        timeframe: preset.timeframe,
        strategy: preset.strategy,
        capitalAllocation: body.capitalAllocation,
        risk: preset.risk,
        enabled: false,
      });
      await deps.audit.record({
        actor: actorOf(principal),
        tenantId: scope.tenantId,
        action: 'profile.create',
        target: `profile:${profile.id}`,
        after: { preset: preset.id },
        requestId,
      });
      deps.engine.upsertProfile(profile);
      await announceProfileChange(deps, profile, { removed: false, at: new Date().toISOString() });
      return profile;
    },
    membership: async ({ scope, principal }) => {
      requireFlag('tabs.membership');
      return membershipFor(deps, scope, principal);
    },
  };
};
