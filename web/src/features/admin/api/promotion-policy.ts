import type { PutPromotionPolicyBody } from '@bytelyst/trading-contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

export const getPromotionPolicy = (signal?: AbortSignal) => callApi('promotionPolicy', { signal });
export const promotionPolicyQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('promotionPolicy'),
    queryFn: ({ signal }) => getPromotionPolicy(signal),
  });
export const usePromotionPolicy = () => useQuery(promotionPolicyQueryOptions());

export const putPromotionPolicy = (body: PutPromotionPolicyBody) =>
  callApi('adminPutPromotionPolicy', { body });
export function usePutPromotionPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: putPromotionPolicy,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: apiKey('promotionPolicy') });
      void qc.invalidateQueries({ queryKey: apiKey('profilePromotion') });
      void qc.invalidateQueries({ queryKey: apiKey('adminAudit') });
    },
  });
}
