import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

export const getStrategies = (signal?: AbortSignal) => callApi('strategies', { signal });

export const strategiesQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('strategies'),
    queryFn: ({ signal }) => getStrategies(signal),
    staleTime: 10 * 60_000,
  });

export const useStrategies = () => useQuery(strategiesQueryOptions());
