import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';
import { isActive } from '../utils/backtest-view';

export const listBacktests = (signal?: AbortSignal) => callApi('listBacktests', { signal });

export const backtestsQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('listBacktests'),
    queryFn: ({ signal }) => listBacktests(signal),
    // While one of them runs, its row's status and progress move; otherwise the list is still.
    refetchInterval: (q) => (q.state.data?.items.some(isActive) ? 2_000 : false),
  });

export const useBacktests = () => useQuery(backtestsQueryOptions());
