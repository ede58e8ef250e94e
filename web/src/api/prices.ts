import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiKey, callApi } from '../lib/api';

export const getPrices = (signal?: AbortSignal) => callApi('prices', { signal });

/** The simulated market's prices (the socket keeps this entry live). */
export const pricesQueryOptions = () =>
  queryOptions({ queryKey: apiKey('prices'), queryFn: ({ signal }) => getPrices(signal) });

export const usePrices = () => useQuery({ ...pricesQueryOptions(), refetchInterval: 30_000 });

/**
 * Prices of a venue account's market (`account`), or the simulated market's without one. A
 * venue's prices are not on the socket, so they are polled.
 */
export const useMarketPrices = (account: string | null) =>
  useQuery(
    account
      ? {
          queryKey: apiKey('prices', { account }),
          queryFn: ({ signal }) => callApi('prices', { query: { account }, signal }),
          refetchInterval: 5_000,
        }
      : { ...pricesQueryOptions(), refetchInterval: 30_000 },
  );

/**
 * The newest price time this screen has: the socket writes every tick into the prices cache,
 * while the bot state's `lastTickAt` is only as new as its last fetch (every 15 s). Reads the
 * cache only (never fetches); `fallback` when no screen has loaded prices.
 */
export function useNewestTick(fallback: string | null): string | null {
  const { data } = useQuery({
    ...pricesQueryOptions(),
    enabled: false,
    select: (d) =>
      d.prices.reduce<string | null>((m, p) => (m === null || p.at > m ? p.at : m), null),
  });
  if (!data) return fallback;
  return fallback === null || data > fallback ? data : fallback;
}
