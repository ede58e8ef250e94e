import type { PromoteProfileBody } from '@bytelyst/trading-contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

export const getPromotionReview = (id: string, signal?: AbortSignal) =>
  callApi('profilePromotion', { params: { id }, query: {}, signal });
export const promotionReviewQueryOptions = (id: string) =>
  queryOptions({
    queryKey: apiKey('profilePromotion', { id }),
    queryFn: ({ signal }) => getPromotionReview(id, signal),
  });
export const usePromotionReview = (id: string) => useQuery(promotionReviewQueryOptions(id));

/** The paper equity over the review's period, for the chart beside the backtest's. */
export const paperEquityQueryOptions = (o: { profileId: string; from: string; to: string }) =>
  queryOptions({
    queryKey: apiKey('equitySeries', o),
    queryFn: ({ signal }) =>
      callApi('equitySeries', {
        query: { profileId: o.profileId, from: o.from, to: o.to, points: 300 },
        signal,
      }),
  });
export const usePaperEquity = (o: { profileId: string; from: string; to: string } | null) =>
  useQuery({
    ...paperEquityQueryOptions(o ?? { profileId: '', from: '', to: '' }),
    enabled: o !== null,
  });

export const backtestQueryOptions = (id: string) =>
  queryOptions({
    queryKey: apiKey('getBacktest', { id }),
    queryFn: ({ signal }) => callApi('getBacktest', { params: { id }, signal }),
  });
export const useBacktestCurve = (id: string | null) =>
  useQuery({ ...backtestQueryOptions(id ?? ''), enabled: id !== null });

export const promoteProfile = (id: string, body: PromoteProfileBody) =>
  callApi('promoteProfile', { params: { id }, body });
export function usePromoteProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: PromoteProfileBody }) => promoteProfile(v.id, v.body),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: apiKey('listProfiles') });
      void qc.invalidateQueries({ queryKey: apiKey('profilePromotion') });
      void qc.invalidateQueries({ queryKey: apiKey('botState') });
    },
  });
}
