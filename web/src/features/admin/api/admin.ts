import type {
  AuditAction,
  PutDynamicConfigBody,
  SetTradingControlBody,
} from '@bytelyst/trading-contracts';
import {
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { apiKey, apiPages, callApi } from '../../../lib/api';

export const getControls = (signal?: AbortSignal) => callApi('adminControls', { signal });
export const controlsQueryOptions = () =>
  queryOptions({ queryKey: apiKey('adminControls'), queryFn: ({ signal }) => getControls(signal) });
export const useControls = () => useQuery({ ...controlsQueryOptions(), refetchInterval: 15_000 });

export const setControl = (body: SetTradingControlBody) => callApi('adminSetControl', { body });
export function useSetControl() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setControl,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: apiKey('adminControls') });
      void qc.invalidateQueries({ queryKey: apiKey('botState') });
      void qc.invalidateQueries({ queryKey: apiKey('adminAudit') });
    },
  });
}

export const getConfig = (signal?: AbortSignal) => callApi('adminConfig', { signal });
export const configQueryOptions = () =>
  queryOptions({ queryKey: apiKey('adminConfig'), queryFn: ({ signal }) => getConfig(signal) });
export const useConfig = () => useQuery(configQueryOptions());

export const putConfig = (body: PutDynamicConfigBody) => callApi('adminPutConfig', { body });
export function usePutConfig() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: putConfig,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: apiKey('adminConfig') });
      void qc.invalidateQueries({ queryKey: apiKey('featureFlags') });
      void qc.invalidateQueries({ queryKey: apiKey('adminAudit') });
    },
  });
}

export const auditPagesOptions = (action?: AuditAction) =>
  apiPages('adminAudit', { action, limit: 50 });
export const useAuditPages = (action?: AuditAction) => useInfiniteQuery(auditPagesOptions(action));

export const getClusters = (signal?: AbortSignal) => callApi('adminClusters', { signal });
export const clustersQueryOptions = () =>
  queryOptions({ queryKey: apiKey('adminClusters'), queryFn: ({ signal }) => getClusters(signal) });
export const useClusters = () => useQuery(clustersQueryOptions());

export const signalsPagesOptions = () => apiPages('adminSignals', { limit: 50 });
export const useSignalPages = () => useInfiniteQuery(signalsPagesOptions());
export const entriesPagesOptions = () => apiPages('adminEntries', { limit: 50 });
export const useEntryPages = () => useInfiniteQuery(entriesPagesOptions());

/** Readiness with its checks (database, platform status, market data, loop, reconciliation). */
export const getReadiness = (signal?: AbortSignal) => callApi('healthReady', { signal });
export const readinessQueryOptions = () =>
  queryOptions({ queryKey: apiKey('healthReady'), queryFn: ({ signal }) => getReadiness(signal) });
export const useReadiness = () =>
  useQuery({ ...readinessQueryOptions(), refetchInterval: 10_000, retry: false });
