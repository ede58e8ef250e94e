import type { CreateProfileBody, SearchJob, SearchRequest } from '@bytelyst/trading-contracts';
import type { z } from 'zod';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

/** A search's progress moves trial by trial; a second is smooth enough and cheap. */
export const SEARCH_POLL_MS = 1000;

const running = (s: SearchJob | undefined) => s?.status === 'running';

export const searchQueryOptions = (id: string) =>
  queryOptions({
    queryKey: apiKey('getSearch', { id }),
    queryFn: ({ signal }) => callApi('getSearch', { params: { id }, signal }),
    refetchInterval: (q) => (running(q.state.data) ? SEARCH_POLL_MS : false),
    staleTime: (q) => (q.state.data && !running(q.state.data) ? Infinity : 0),
  });

export const useSearch = (id: string | null) =>
  useQuery({ ...searchQueryOptions(id ?? ''), enabled: Boolean(id) });

/** Trials come in while a search runs: refetched with it, then kept. */
export const searchTrialsQueryOptions = (id: string, live: boolean, finished: number) =>
  queryOptions({
    // Keyed by the count stored so far: the list is read again whenever the search moved on.
    queryKey: [...apiKey('listSearchTrials', { id }), finished],
    queryFn: ({ signal }) => callApi('listSearchTrials', { params: { id }, signal }),
    refetchInterval: live ? SEARCH_POLL_MS * 2 : false,
  });

export const useSearchTrials = (id: string, live: boolean, finished: number) =>
  useQuery({ ...searchTrialsQueryOptions(id, live, finished), placeholderData: (prev) => prev });

export const useSearches = () =>
  useQuery({
    queryKey: apiKey('listSearches'),
    queryFn: ({ signal }) => callApi('listSearches', { signal }),
    // While one runs, its progress in the list follows it.
    refetchInterval: (q) =>
      q.state.data?.items.some((s) => s.status === 'running') ? SEARCH_POLL_MS * 3 : false,
  });

export function useCreateSearch() {
  const qc = useQueryClient();
  return useMutation({
    // Defaults (seed, capital, settings) are filled in by the schema inside callApi.
    mutationFn: (body: z.input<typeof SearchRequest>) => callApi('createSearch', { body }),
    onSuccess: (job) => qc.setQueryData(searchQueryOptions(job.id).queryKey, job),
    onSettled: () => void qc.invalidateQueries({ queryKey: apiKey('listSearches') }),
  });
}

export function useCancelSearch(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => callApi('cancelSearch', { params: { id } }),
    onSuccess: (job) => qc.setQueryData(searchQueryOptions(id).queryKey, job),
    onSettled: () => void qc.invalidateQueries({ queryKey: apiKey('listSearches') }),
  });
}

/** "Create a profile from these parameters": a paper profile, disabled until the user enables it. */
export function useCreateProfileFromParams() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateProfileBody>) => callApi('createProfile', { body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: apiKey('listProfiles') }),
  });
}

export const useCompareBacktests = (ids: string[]) =>
  useQuery({
    queryKey: apiKey('compareBacktests', { ids: ids.join(',') }),
    queryFn: ({ signal }) => callApi('compareBacktests', { query: { ids: ids.join(',') }, signal }),
    enabled: ids.length >= 2,
  });
