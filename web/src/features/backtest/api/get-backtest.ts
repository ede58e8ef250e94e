import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';
import { isActive } from '../utils/backtest-view';

/** Fast enough for a progress bar to move smoothly, slow enough to be cheap for the backend. */
export const BACKTEST_POLL_MS = 300;

export const getBacktest = (id: string, signal?: AbortSignal) =>
  callApi('getBacktest', { params: { id }, signal });

export const backtestQueryOptions = (id: string) =>
  queryOptions({
    queryKey: apiKey('getBacktest', { id }),
    queryFn: ({ signal }) => getBacktest(id, signal),
    // A finished job never changes again; only a queued or running one is polled.
    refetchInterval: (q) => (isActive(q.state.data) ? BACKTEST_POLL_MS : false),
    staleTime: (q) => (q.state.data && !isActive(q.state.data) ? Infinity : 0),
  });

export const useBacktest = (id: string | null) =>
  useQuery({ ...backtestQueryOptions(id ?? ''), enabled: Boolean(id) });
