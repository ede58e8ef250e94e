import { createPlatformAdmin, type PlatformAdmin } from '@bytelyst/platform-sdk';
import { usePlatformContext } from '@bytelyst/react-auth';
import type {
  PlatformAuditAction,
  PlatformUser,
  Tenant,
  ProductStatusUpdateBody,
  SetDisabledBody,
} from '@bytelyst/trading-contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { apiKey } from '../../../lib/api';

/**
 * People and product controls live in the platform service, not the trading backend: these
 * hooks call it through the signed-in SDK client (same token, same refresh as sign-in).
 */
export function usePlatformAdmin(): PlatformAdmin {
  const { client } = usePlatformContext();
  return useMemo(() => createPlatformAdmin(client), [client]);
}

const KEY = ['platform-admin'] as const;

export function useTenants(enabled: boolean) {
  const api = usePlatformAdmin();
  return useQuery({ queryKey: [...KEY, 'tenants'], queryFn: () => api.listTenants(), enabled });
}

export function useUsers(tenantId?: string) {
  const api = usePlatformAdmin();
  return useQuery({
    queryKey: [...KEY, 'users', tenantId ?? null],
    queryFn: () => api.listUsers(tenantId ? { tenantId } : {}),
  });
}

export function usePlatformAudit(actions: readonly PlatformAuditAction[], limit = 50) {
  const api = usePlatformAdmin();
  return useQuery({
    queryKey: [...KEY, 'audit', actions, limit],
    // The audit route filters by one action; a few are asked for and merged newest first.
    queryFn: async () =>
      (await Promise.all(actions.map((action) => api.listAudit({ action, limit }))))
        .flat()
        .sort((a, b) => b.seq - a.seq)
        .slice(0, limit),
  });
}

type DisabledChange = SetDisabledBody & { kind: 'tenant' | 'user'; id: string };

export function useSetDisabled() {
  const api = usePlatformAdmin();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, id, ...body }: DisabledChange): Promise<Tenant | PlatformUser> =>
      kind === 'tenant' ? api.setTenantDisabled(id, body) : api.setUserDisabled(id, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useSetProductStatus() {
  const api = usePlatformAdmin();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProductStatusUpdateBody) => api.setProductStatus(body),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: KEY });
      void qc.invalidateQueries({ queryKey: apiKey('adminControls') });
    },
  });
}
