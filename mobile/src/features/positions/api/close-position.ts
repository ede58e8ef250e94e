import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

/**
 * The one intervention mobile offers, and only while the backend's `mobile.interventions` flag
 * is on. The backend still applies every control and risk rule to the closing order.
 */
export function useClosePosition() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { profileId: string; symbol: string; idempotencyKey: string }) =>
      callApi('close', {
        body: { profileId: input.profileId, symbol: input.symbol, reason: 'closed from mobile' },
        idempotencyKey: input.idempotencyKey,
      }),
    onSettled: () => client.invalidateQueries({ queryKey: apiKey('positions') }),
  });
}
