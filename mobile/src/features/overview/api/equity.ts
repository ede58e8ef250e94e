import type { EquitySnapshot } from '@bytelyst/trading-contracts';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePollInterval } from '../../../hooks/use-poll-interval';
import { apiKey, callApi } from '../../../lib/api';
import { mergeEquity, newestAt } from '../../../lib/equity-history';

/**
 * The account's books as the backend values them (GET /api/portfolio: positions at their live
 * marks, cash and PnL from the ledger); kept live by the socket's `portfolio` events.
 */
export const portfolioQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('portfolio'),
    queryFn: ({ signal }) => callApi('portfolio', { query: {}, signal }),
  });

export const usePortfolio = () =>
  useQuery({ ...portfolioQueryOptions(), refetchInterval: usePollInterval() });

const historyKey = [...apiKey('equity'), 'history'] as const;

/**
 * The account's last 500 equity snapshots, read incrementally: each refresh asks only for the
 * snapshots after the newest it holds (`since`), and an unchanged answer costs a 304 (the API
 * client revalidates with the ETag), so a minute of the overview stays within a few KB.
 */
export function useEquityHistory() {
  const client = useQueryClient();
  return useQuery({
    queryKey: historyKey,
    queryFn: async ({ signal }) => {
      const held = client.getQueryData<EquitySnapshot[]>(historyKey) ?? [];
      const since = newestAt(held);
      const page = await callApi('equity', { query: since ? { since } : {}, signal });
      return mergeEquity(held, page.items);
    },
    refetchInterval: usePollInterval(),
  });
}
