import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

export const getPresets = (signal?: AbortSignal) => callApi('marketplacePresets', { signal });
export const presetsQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('marketplacePresets'),
    queryFn: ({ signal }) => getPresets(signal),
  });
export const usePresets = () => useQuery(presetsQueryOptions());

export const copyPreset = (body: { presetId: string; capitalAllocation: string; name?: string }) =>
  callApi('marketplaceCopy', { body });
export function useCopyPreset() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: copyPreset,
    onSuccess: () => void qc.invalidateQueries({ queryKey: apiKey('listProfiles') }),
  });
}
