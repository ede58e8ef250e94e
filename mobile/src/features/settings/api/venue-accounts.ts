import { queryOptions, useQuery } from '@tanstack/react-query';
import { usePollInterval } from '../../../hooks/use-poll-interval';
import { apiKey, callApi } from '../../../lib/api';

export const venueAccountsQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('listVenueAccounts'),
    queryFn: ({ signal }) => callApi('listVenueAccounts', { signal }),
  });

export const useVenueAccounts = () =>
  useQuery({ ...venueAccountsQueryOptions(), refetchInterval: usePollInterval() });
