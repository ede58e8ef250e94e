import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';
import { fetchApiText } from '../../../lib/api-file';

/** Trades per page of the result's table. */
export const TRADES_PAGE = 50;

export const getBacktestTrades = (
  id: string,
  query: { cursor?: string; limit: number },
  signal?: AbortSignal,
) => callApi('getBacktestTrades', { params: { id }, query, signal });

export const backtestTradesQueryOptions = (id: string, cursor: string | undefined) =>
  queryOptions({
    queryKey: apiKey('getBacktestTrades', { id, cursor, limit: TRADES_PAGE }),
    queryFn: ({ signal }) =>
      getBacktestTrades(id, { limit: TRADES_PAGE, ...(cursor ? { cursor } : {}) }, signal),
    // A finished run's trades never change.
    staleTime: Infinity,
    // The page being left stays on screen (dimmed) until the next one arrives.
    placeholderData: keepPreviousData,
  });

export const useBacktestTrades = (id: string, cursor: string | undefined) =>
  useQuery(backtestTradesQueryOptions(id, cursor));

/** The run's whole trade list as the backend's CSV (exact decimals, UTC times). */
export const exportBacktestTradesCsv = (id: string) =>
  fetchApiText(`/api/backtests/${encodeURIComponent(id)}/trades.csv`);
