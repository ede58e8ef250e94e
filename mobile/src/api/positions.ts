import { queryOptions, useQuery } from '@tanstack/react-query';
import { usePollInterval } from '../hooks/use-poll-interval';
import { apiKey, callApi } from '../lib/api';

export const positionsQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('positions'),
    queryFn: ({ signal }) => callApi('positions', { query: {}, signal }),
  });

export const usePositions = () =>
  useQuery({ ...positionsQueryOptions(), refetchInterval: usePollInterval() });
