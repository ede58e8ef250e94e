import type { ManualTradeBody } from '@bytelyst/trading-contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

export type TradeInput = Omit<ManualTradeBody, 'type' | 'reduceOnly'> &
  Partial<Pick<ManualTradeBody, 'type' | 'reduceOnly'>>;

/** The key is minted per user action by the ticket, so a retried submit never doubles an order. */
export const placeTrade = (body: TradeInput, idempotencyKey: string) =>
  callApi('trade', { body, idempotencyKey });

export function usePlaceTrade() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: TradeInput; idempotencyKey: string }) =>
      placeTrade(v.body, v.idempotencyKey),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: apiKey('orders') });
      void qc.invalidateQueries({ queryKey: apiKey('positions') });
    },
  });
}
