import type { Timeframe } from '@bytelyst/trading-contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

export interface CandlesInput {
  symbol: string;
  timeframe: Timeframe;
  limit?: number;
  /** A venue account: that venue's candles (polled; the socket carries the simulator's). */
  account?: string;
}

export const getCandles = (input: CandlesInput, signal?: AbortSignal) =>
  callApi('candles', { query: input, signal });

/** The key carries symbol and timeframe so `candle` socket events find the matching cache entry. */
export const candlesQueryOptions = (input: CandlesInput) =>
  queryOptions({
    queryKey: apiKey('candles', input),
    queryFn: ({ signal }) => getCandles(input, signal),
  });

export const useCandles = (input: CandlesInput | null) =>
  useQuery({
    ...candlesQueryOptions(input ?? { symbol: '', timeframe: '1m' }),
    enabled: input !== null,
    refetchInterval: input?.account ? 10_000 : 60_000,
  });
