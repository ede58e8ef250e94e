import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

export const getPositions = (profileId?: string, signal?: AbortSignal) =>
  callApi('positions', { query: profileId ? { profileId } : {}, signal });

export const positionsQueryOptions = (profileId?: string) =>
  queryOptions({
    queryKey: apiKey('positions', profileId ? { profileId } : undefined),
    queryFn: ({ signal }) => getPositions(profileId, signal),
  });

export const usePositions = (profileId?: string) =>
  useQuery({ ...positionsQueryOptions(profileId), refetchInterval: 30_000 });
