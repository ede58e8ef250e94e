import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

/** Venue accounts are read by the Venues screen and by the profile form's account choice. */
export const listVenueAccounts = (signal?: AbortSignal) => callApi('listVenueAccounts', { signal });
export const venueAccountsQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('listVenueAccounts'),
    queryFn: ({ signal }) => listVenueAccounts(signal),
  });
export const useVenueAccounts = () => useQuery(venueAccountsQueryOptions());
