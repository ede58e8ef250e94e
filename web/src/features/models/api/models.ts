import type { ModelVersion } from '@bytelyst/trading-contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

export const modelsQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('listModels'),
    queryFn: ({ signal }) => callApi('listModels', { signal }),
  });
export const useModels = () => useQuery(modelsQueryOptions());

export const modelQueryOptions = (id: string) =>
  queryOptions({
    queryKey: apiKey('getModel', { id }),
    queryFn: ({ signal }) => callApi('getModel', { params: { id }, signal }),
  });
export const useModel = (id: string) => useQuery(modelQueryOptions(id));

/** Both actions answer the updated version: the card shows it at once, the list refetches. */
const useModelAction = <V>(fn: (v: V) => Promise<ModelVersion>) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (m) => qc.setQueryData(modelQueryOptions(m.id).queryKey, m),
    onSettled: () => qc.invalidateQueries({ queryKey: apiKey('listModels') }),
  });
};

export const useApproveModel = () =>
  useModelAction((v: { id: string; note: string }) =>
    callApi('approveModel', { params: { id: v.id }, body: { note: v.note } }),
  );
export const useDisableModel = () =>
  useModelAction((v: { id: string; reason: string }) =>
    callApi('disableModel', { params: { id: v.id }, body: { reason: v.reason } }),
  );
