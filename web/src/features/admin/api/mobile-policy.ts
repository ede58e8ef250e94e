import type { PutMobilePolicyBody } from '@bytelyst/trading-contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

export const getMobilePolicy = (signal?: AbortSignal) => callApi('mobilePolicy', { signal });
export const mobilePolicyQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('mobilePolicy'),
    queryFn: ({ signal }) => getMobilePolicy(signal),
  });
export const useMobilePolicy = () => useQuery(mobilePolicyQueryOptions());

export const putMobilePolicy = (body: PutMobilePolicyBody) =>
  callApi('adminPutMobilePolicy', { body });
export function usePutMobilePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: putMobilePolicy,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: apiKey('mobilePolicy') });
      void qc.invalidateQueries({ queryKey: apiKey('adminAudit') });
    },
  });
}
