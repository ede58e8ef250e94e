import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';
import { uploadCandleCsv } from '../../../lib/upload';

export const listCandleSeries = (signal?: AbortSignal) => callApi('listCandleSeries', { signal });

export const candleSeriesQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('listCandleSeries'),
    queryFn: ({ signal }) => listCandleSeries(signal),
  });

export const useCandleSeries = () => useQuery(candleSeriesQueryOptions());

/** The server's side of an upload (parsed bytes, stored candles), polled while it runs. */
export const getCandleImport = (id: string) => callApi('getCandleImport', { params: { id } });

export function useUploadCsv() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: uploadCandleCsv,
    onSettled: () => void qc.invalidateQueries({ queryKey: apiKey('listCandleSeries') }),
  });
}
