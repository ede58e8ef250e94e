import type { CreateModelTrainingBody, ModelVersion } from '@bytelyst/trading-contracts';
import type { z } from 'zod';
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

const ACTIVE = new Set(['queued', 'running']);

export const trainingsQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('listModelTrainings'),
    queryFn: ({ signal }) => callApi('listModelTrainings', { signal }),
    // Polled while a job is queued or running (its progress bar), quiet otherwise.
    refetchInterval: (q) => (q.state.data?.items.some((j) => ACTIVE.has(j.status)) ? 700 : false),
  });
export const useTrainings = () => useQuery(trainingsQueryOptions());

/** The tenant's stored series (the Data page's list), for the train form's data source. */
export const storedSeriesQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('listCandleSeries'),
    queryFn: ({ signal }) => callApi('listCandleSeries', { signal }),
    retry: false,
  });
export const useStoredSeries = () => useQuery(storedSeriesQueryOptions());

/** Queues a job (202); the list polls it from there, and the versions refetch when it ends. */
export const useStartTraining = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateModelTrainingBody>) =>
      callApi('createModelTraining', { body }),
    onSettled: () => qc.invalidateQueries({ queryKey: apiKey('listModelTrainings') }),
  });
};

export const useCancelTraining = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi('cancelModelTraining', { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: apiKey('listModelTrainings') }),
  });
};
