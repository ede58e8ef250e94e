import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';
import { backtestQueryOptions } from './get-backtest';

/** Stops a queued or running backtest; the backend answers with the job as it now stands. */
export const cancelBacktest = (id: string) => callApi('cancelBacktest', { params: { id } });

export function useCancelBacktest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: cancelBacktest,
    onSuccess: (job) => {
      qc.setQueryData(backtestQueryOptions(job.id).queryKey, job);
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: apiKey('listBacktests') }),
  });
}
