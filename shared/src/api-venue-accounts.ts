import { z } from 'zod';
import { Id } from './primitives.js';
import type { RouteDef } from './route-def.js';
import { ConnectVenueAccountBody, VenueAccount } from './schemas/venue-accounts.js';

/** Venue accounts' part of the route table (spread into API_ROUTES). */
export const VENUE_ACCOUNT_ROUTES = {
  listVenueAccounts: {
    method: 'GET',
    path: '/api/venue-accounts',
    response: z.strictObject({ items: z.array(VenueAccount) }),
    access: 'user',
    summary:
      "My venue accounts and my tenant's shared ones (admins: all the tenant's); paper included",
  },
  connectVenueAccount: {
    method: 'POST',
    path: '/api/venue-accounts',
    body: ConnectVenueAccountBody,
    response: VenueAccount,
    access: 'user',
    userWrite: true,
    summary:
      'Connect a venue account: the keys are checked by reading the balance, refused if they can withdraw, then stored encrypted',
  },
  refreshVenueAccount: {
    method: 'POST',
    path: '/api/venue-accounts/:id/refresh',
    params: z.strictObject({ id: Id }),
    response: VenueAccount,
    access: 'user',
    summary: "Read the account's balance at the venue again (owner or tenant admin)",
  },
  disconnectVenueAccount: {
    method: 'DELETE',
    path: '/api/venue-accounts/:id',
    params: z.strictObject({ id: Id }),
    response: VenueAccount,
    access: 'user',
    userWrite: true,
    summary:
      'Disconnect a venue account and erase its keys; refused with the list while positions are open on it',
  },
} as const satisfies Record<string, RouteDef>;
