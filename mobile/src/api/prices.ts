import { queryOptions, useQuery } from '@tanstack/react-query';
import { usePollInterval } from '../hooks/use-poll-interval';
import { apiKey, callApi } from '../lib/api';

export const pricesQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('prices'),
    queryFn: ({ signal }) => callApi('prices', { signal }),
  });

/** Socket `price` events write into this cache; the poll only runs as the fallback cadence. */
export const usePrices = () =>
  useQuery({ ...pricesQueryOptions(), refetchInterval: usePollInterval() });
