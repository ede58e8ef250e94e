import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

/**
 * The tenant's stored candle series with their coverage: listed on the Data page and offered as
 * a backtest's or a search's data source.
 */
export const listCandleSeries = (signal?: AbortSignal) => callApi('listCandleSeries', { signal });

export const candleSeriesQueryOptions = () =>
  queryOptions({
    queryKey: apiKey('listCandleSeries'),
    queryFn: ({ signal }) => listCandleSeries(signal),
  });

export const useCandleSeries = () => useQuery(candleSeriesQueryOptions());
