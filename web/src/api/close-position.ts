import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

export const closePosition = (body: { profileId: string; symbol: string; reason?: string }) =>
  callApi('close', { body });

export function useClosePosition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: closePosition,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: apiKey('positions') });
      void qc.invalidateQueries({ queryKey: apiKey('orders') });
    },
  });
}
