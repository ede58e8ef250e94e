import { useFeatureFlags } from '@bytelyst/react-auth';
import type { FeatureFlags } from '@bytelyst/trading-contracts';
import { resolveFlags } from '@bytelyst/trading-client';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

export const getFeatureFlags = (signal?: AbortSignal) => callApi('featureFlags', { signal });

export const featureFlagsQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('featureFlags'),
    queryFn: ({ signal }) => getFeatureFlags(signal),
  });

export function useTradingFlags(): FeatureFlags {
  const q = useQuery({ ...featureFlagsQueryOptions(), refetchInterval: 60_000 });
  const platform = useFeatureFlags();
  return resolveFlags(q.data?.flags, platform);
}
