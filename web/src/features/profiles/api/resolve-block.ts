import type { ResolveBlockBody } from '@bytelyst/trading-contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

/** An operator's decision on a blocked profile: adopt, flatten or keep blocked (audited). */
export const resolveBlock = (id: string, body: ResolveBlockBody) =>
  callApi('resolveBlock', { params: { id }, body });

/** It moves the books, may send an exit and acknowledges alerts: everything those show is refetched. */
export function useResolveBlock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: ResolveBlockBody }) => resolveBlock(v.id, v.body),
    onSettled: () => {
      for (const name of [
        'listProfiles',
        'botState',
        'alerts',
        'positions',
        'orders',
        'ledger',
        'portfolio',
      ] as const)
        void qc.invalidateQueries({ queryKey: apiKey(name) });
    },
  });
}
