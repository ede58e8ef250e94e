import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

export const getEquity = (profileId?: string, signal?: AbortSignal) =>
  callApi('equity', { query: profileId ? { profileId } : {}, signal });

export const equityQueryOptions = (profileId?: string) =>
  queryOptions({
    queryKey: apiKey('equity', profileId ? { profileId } : undefined),
    queryFn: ({ signal }) => getEquity(profileId, signal),
  });

export const useEquity = (profileId?: string) =>
  useQuery({ ...equityQueryOptions(profileId), refetchInterval: 60_000 });
