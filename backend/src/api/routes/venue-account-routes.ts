import { isAdminRole } from '@bytelyst/trading-contracts';
import type { Principal } from '../auth/principal.js';
import { effectiveRole } from '../auth/principal.js';
import type { RouteHandlers } from '../http/route-context.js';
import type { AccountCaller } from '../../services/venue-accounts/venue-account-service.js';
import type { ApiDeps } from './deps.js';
import { actorOf } from './profile-routes.js';

type VenueAccountRoutes = Pick<
  RouteHandlers,
  'listVenueAccounts' | 'connectVenueAccount' | 'refreshVenueAccount' | 'disconnectVenueAccount'
>;

export const callerOf = (principal: Principal, requestId: string): AccountCaller => ({
  userId: principal.userId,
  // A previewing admin sees what the customer sees: the customer's own accounts.
  admin: isAdminRole(effectiveRole(principal)),
  actor: actorOf(principal),
  requestId,
});

export const venueAccountRoutes = (d: ApiDeps): VenueAccountRoutes => ({
  listVenueAccounts: async ({ scope, principal, requestId }) => ({
    items: await d.venueAccounts.list(scope, callerOf(principal, requestId)),
  }),
  connectVenueAccount: async ({ scope, principal, body, requestId }) =>
    d.venueAccounts.connect(scope, { caller: callerOf(principal, requestId), body }),
  refreshVenueAccount: async ({ scope, principal, params, requestId }) =>
    d.venueAccounts.refresh(scope, { caller: callerOf(principal, requestId), id: params.id }),
  disconnectVenueAccount: async ({ scope, principal, params, requestId }) =>
    d.venueAccounts.disconnect(scope, { caller: callerOf(principal, requestId), id: params.id }),
});
