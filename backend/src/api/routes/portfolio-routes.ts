import type { RouteHandlers } from '../http/route-context.js';
import type { ApiDeps } from './deps.js';
import { assertProfileVisible, visibleProfileIds } from './visibility.js';

type PortfolioRoutes = Pick<RouteHandlers, 'portfolio' | 'equitySeries' | 'analytics'>;

/**
 * The books as valued now and over time. A user's account is every profile they own; an admin's
 * is the tenant's. A profile filter the caller may not see answers 404.
 */
export const portfolioRoutes = (deps: ApiDeps): PortfolioRoutes => {
  const accountOf = async (
    principal: Parameters<typeof visibleProfileIds>[1],
    profileId: string | undefined,
  ): Promise<string[]> => {
    if (profileId) {
      await assertProfileVisible(deps.profiles, principal, profileId);
      return [profileId];
    }
    const visible = await visibleProfileIds(deps.profiles, principal);
    if (visible) return [...visible];
    return (await deps.profiles.profiles(principal.tenantId)).map((p) => p.id);
  };
  return {
    portfolio: async ({ scope, principal, query }) => {
      const ids = await accountOf(principal, query.profileId);
      return (await deps.portfolio.value(scope.tenantId, ids)).portfolio;
    },
    equitySeries: async ({ scope, principal, query }) => {
      const ids = await accountOf(principal, query.profileId);
      return deps.equitySeries.series(scope.tenantId, { profileIds: ids, query });
    },
    analytics: async ({ scope, principal, query }) => {
      const ids = await accountOf(principal, query.profileId);
      return deps.analytics.analytics(scope.tenantId, { profileIds: ids, query });
    },
  };
};
