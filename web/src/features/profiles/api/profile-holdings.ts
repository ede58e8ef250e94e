import type { Order } from '@bytelyst/trading-contracts';
import { queryOptions, useQueries } from '@tanstack/react-query';
import { positionsQueryOptions } from '../../../api/positions';
import { apiKey, callApi } from '../../../lib/api';

/** The statuses the backend counts as "an order the venue may still fill". */
const OPEN_STATUSES = ['NEW', 'SUBMITTED', 'PARTIALLY_FILLED'] as const;

export const openOrdersQueryOptions = (profileId: string, status: (typeof OPEN_STATUSES)[number]) =>
  queryOptions({
    queryKey: apiKey('orders', { profileId, status }),
    queryFn: ({ signal }) => callApi('orders', { query: { profileId, status, limit: 20 }, signal }),
  });

/**
 * What a profile holds now, to say before the user tries why its account cannot change. The
 * backend checks again on the write (PROFILE_NOT_FLAT); this only spares a refused request.
 */
export function useProfileHoldings(profileId: string | null) {
  const id = profileId ?? '';
  const results = useQueries({
    queries: [
      { ...positionsQueryOptions(id), enabled: profileId !== null },
      ...OPEN_STATUSES.map((s) => ({
        ...openOrdersQueryOptions(id, s),
        enabled: profileId !== null,
      })),
    ],
  });
  const [positions, ...orders] = results;
  const openOrders: Order[] = orders.flatMap((r) => r.data?.items ?? []);
  return {
    isPending: profileId !== null && results.some((r) => r.isPending),
    error: results.find((r) => r.error)?.error ?? null,
    positions: positions?.data?.items ?? [],
    openOrders,
  };
}
