import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

export const getPrices = (signal?: AbortSignal) => callApi('prices', { signal });

export const pricesQueryOptions = () =>
  queryOptions({ queryKey: apiKey('prices'), queryFn: ({ signal }) => getPrices(signal) });

export const usePrices = () => useQuery({ ...pricesQueryOptions(), refetchInterval: 30_000 });
