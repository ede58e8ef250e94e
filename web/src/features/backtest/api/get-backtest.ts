import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiKey, callApi } from '../../../lib/api';
import { isActive } from '../utils/backtest-view';
import { backtestsQueryOptions } from './list-backtests';

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

export function useBacktest(id: string | null) {
  const qc = useQueryClient();
  const query = useQuery({ ...backtestQueryOptions(id ?? ''), enabled: Boolean(id) });
  const job = query.data;
  useEffect(() => {
    if (!job || isActive(job)) return;
    // The list polls every 2 s; without this, a run shown finished here would still be
    // "running" in the list (and missing from the compare picker) until its next poll.
    qc.setQueryData(backtestsQueryOptions().queryKey, (list) =>
      list ? { ...list, items: list.items.map((j) => (j.id === job.id ? job : j)) } : list,
    );
  }, [qc, job]);
  return query;
}
