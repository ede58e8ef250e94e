import type { BacktestRequest } from '@bytelyst/trading-contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';
import { backtestQueryOptions } from './get-backtest';

/** The body is validated against BacktestRequest inside callApi before it is sent. */
export const createBacktest = (body: BacktestRequest) => callApi('createBacktest', { body });

export function useCreateBacktest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createBacktest,
    onSuccess: (job) => {
      // The job view starts from the creation answer instead of waiting for its first poll.
      qc.setQueryData(backtestQueryOptions(job.id).queryKey, job);
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: apiKey('listBacktests') }),
  });
}
