import { useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

/**
 * The four approved interventions as calls carrying the confirmation's Idempotency-Key; each
 * refreshes what it changed. The backend applies the tenant's policy and every control again.
 */
export function useInterventions() {
  const qc = useQueryClient();
  const refresh = (...names: Parameters<typeof apiKey>[0][]) =>
    Promise.all(names.map((n) => qc.invalidateQueries({ queryKey: apiKey(n) })));
  return {
    pauseProfile: async (id: string, idempotencyKey: string) => {
      const p = await callApi('disableProfile', { params: { id }, idempotencyKey });
      await refresh('listProfiles', 'botState');
      return p;
    },
    resumeProfile: async (id: string, idempotencyKey: string) => {
      const p = await callApi('enableProfile', { params: { id }, idempotencyKey });
      await refresh('listProfiles', 'botState');
      return p;
    },
    closePosition: async (input: { profileId: string; symbol: string }, idempotencyKey: string) => {
      const r = await callApi('close', {
        body: { profileId: input.profileId, symbol: input.symbol, reason: 'closed from mobile' },
        idempotencyKey,
      });
      await refresh('positions', 'portfolio');
      return r;
    },
    acknowledgeAlert: async (id: string, idempotencyKey: string) => {
      const a = await callApi('acknowledgeAlert', { params: { id }, idempotencyKey });
      await refresh('alerts', 'alertCounts');
      return a;
    },
  };
}
