import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

export const getMe = (signal?: AbortSignal) => callApi('me', { signal });

export const meQueryOptions = () =>
  queryOptions({ queryKey: apiKey('me'), queryFn: ({ signal }) => getMe(signal) });

export const useMe = () => useQuery(meQueryOptions());
