import { queryOptions, useQuery } from '@tanstack/react-query';
import { usePollInterval } from '../../../hooks/use-poll-interval';
import { apiKey, callApi } from '../../../lib/api';

export const equityQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('equity'),
    queryFn: ({ signal }) => callApi('equity', { query: {}, signal }),
  });

export const useEquity = () =>
  useQuery({ ...equityQueryOptions(), refetchInterval: usePollInterval() });
