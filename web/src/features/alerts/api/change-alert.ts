import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

/** Acknowledge ("I have seen it") or resolve ("it is dealt with"); both are audited. */
export const changeAlert = (id: string, action: 'ack' | 'resolve') =>
  callApi(action === 'ack' ? 'acknowledgeAlert' : 'resolveAlert', { params: { id } });

export function useChangeAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: 'ack' | 'resolve' }) => changeAlert(v.id, v.action),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: apiKey('alerts') });
      void qc.invalidateQueries({ queryKey: apiKey('alertCounts') });
    },
  });
}
