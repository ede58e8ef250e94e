import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

export const getMembership = (signal?: AbortSignal) => callApi('membership', { signal });
export const membershipQueryOptions = () =>
  queryOptions({ queryKey: apiKey('membership'), queryFn: ({ signal }) => getMembership(signal) });
export const useMembership = () => useQuery(membershipQueryOptions());
