import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

/** Cancels an open limit or stop order (owner or admin; a repeat answers the order as it is). */
export const cancelOrder = (id: string) => callApi('cancelOrder', { params: { id } });

export function useCancelOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: cancelOrder,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: apiKey('orders') });
      void qc.invalidateQueries({ queryKey: apiKey('positions') });
    },
  });
}
