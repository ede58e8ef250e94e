import { queryOptions, useQuery } from '@tanstack/react-query';
import { usePollInterval } from '../../../hooks/use-poll-interval';
import { apiKey, callApi } from '../../../lib/api';

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
