import type { VenueImportBody } from '@bytelyst/trading-contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';
import { uploadCandleCsv } from '../../../lib/upload';

export { useCandleSeries } from '../../../api/candle-series';

/** The server's side of an import (parsed bytes, stored candles), polled while it runs. */
export const getCandleImport = (id: string) => callApi('getCandleImport', { params: { id } });

export function useUploadCsv() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: uploadCandleCsv,
    onSettled: () => void qc.invalidateQueries({ queryKey: apiKey('listCandleSeries') }),
  });
}

/** The body is validated against VenueImportBody inside callApi before it is sent. */
export const importFromVenue = (body: VenueImportBody) => callApi('importCandlesVenue', { body });

export function useVenueImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: importFromVenue,
    onSettled: () => void qc.invalidateQueries({ queryKey: apiKey('listCandleSeries') }),
  });
}
