import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

export const meQueryOptions = () =>
  queryOptions({ queryKey: apiKey('me'), queryFn: ({ signal }) => callApi('me', { signal }) });

export const useMe = () => useQuery(meQueryOptions());
