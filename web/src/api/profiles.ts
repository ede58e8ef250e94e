import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

export const listProfiles = (signal?: AbortSignal) => callApi('listProfiles', { signal });

export const profilesQueryOptions = () =>
  queryOptions({ queryKey: apiKey('listProfiles'), queryFn: ({ signal }) => listProfiles(signal) });

export const useProfiles = () => useQuery(profilesQueryOptions());
