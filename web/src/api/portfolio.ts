import { queryOptions, useQuery } from '@tanstack/react-query';
import { viewerZone } from '@bytelyst/trading-client';
import { apiKey, callApi } from '../lib/api';

/**
 * The books as the backend values them. The account query (no profile) is kept live by the
 * socket's `portfolio` events; the REST refetch is the fallback.
 */
export const portfolioQueryOptions = (profileId?: string) =>
  queryOptions({
    queryKey: apiKey('portfolio', profileId ? { profileId } : undefined),
    queryFn: ({ signal }) =>
      callApi('portfolio', { query: profileId ? { profileId } : {}, signal }),
  });

export const usePortfolio = (profileId?: string) =>
  useQuery({ ...portfolioQueryOptions(profileId), refetchInterval: 30_000 });

export const useEquitySeries = (profileId?: string) =>
  useQuery({
    queryKey: apiKey('equitySeries', profileId ? { profileId } : undefined),
    queryFn: ({ signal }) =>
      callApi('equitySeries', { query: profileId ? { profileId } : {}, signal }),
    refetchInterval: 60_000,
  });

export const useAnalytics = (profileId?: string) => {
  const { timeZone } = viewerZone();
  const query = profileId ? { profileId, timeZone } : { timeZone };
  return useQuery({
    queryKey: apiKey('analytics', query),
    queryFn: ({ signal }) => callApi('analytics', { query, signal }),
    refetchInterval: 60_000,
  });
};
