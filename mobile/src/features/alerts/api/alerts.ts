import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, apiPages, apiQuery, callApi } from '../../../lib/api';

/** Alerts that still need attention (open or acknowledged), newest first. */
export const alertPagesOptions = () => apiPages('alerts', { limit: 30 });
export const useAlertPages = () => useInfiniteQuery(alertPagesOptions());

/** Open alerts by severity: the tab's badge. */
export const alertCountsOptions = () => apiQuery('alertCounts', {});
export const useAlertCounts = () => useQuery(alertCountsOptions());

export function useAcknowledgeAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi('acknowledgeAlert', { params: { id } }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: apiKey('alerts') });
      void qc.invalidateQueries({ queryKey: apiKey('alertCounts') });
    },
  });
}
