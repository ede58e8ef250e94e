import { queryOptions, useQuery } from '@tanstack/react-query';
import { usePollInterval } from '../../../hooks/use-poll-interval';
import { apiKey, callApi } from '../../../lib/api';

export const profilesQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('listProfiles'),
    queryFn: ({ signal }) => callApi('listProfiles', { signal }),
  });

export const useProfiles = () =>
  useQuery({ ...profilesQueryOptions(), refetchInterval: usePollInterval() });

/** The latest decisions of one profile: the "why" feed (socket `decision` events invalidate it). */
export const decisionsQueryOptions = (profileId: string) =>
  queryOptions({
    queryKey: apiKey('decisions', { profileId, limit: 5 }),
    queryFn: ({ signal }) => callApi('decisions', { query: { profileId, limit: 5 }, signal }),
  });

export const useProfileDecisions = (profileId: string) =>
  useQuery({ ...decisionsQueryOptions(profileId), refetchInterval: usePollInterval() });
