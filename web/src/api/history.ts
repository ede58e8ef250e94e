import { useInfiniteQuery } from '@tanstack/react-query';
import { apiPages } from '../lib/api';

/** Orders and closed trades, newest first, one cursor page at a time. */
export const ordersPagesOptions = (query: {
  profileId?: string;
  symbol?: string;
  limit?: number;
}) => apiPages('orders', query);
export const useOrderPages = (query: { profileId?: string; symbol?: string; limit?: number }) =>
  useInfiniteQuery(ordersPagesOptions(query));

export const tradesPagesOptions = (query: {
  profileId?: string;
  symbol?: string;
  limit?: number;
}) => apiPages('trades', query);
export const useTradePages = (query: { profileId?: string; symbol?: string; limit?: number }) =>
  useInfiniteQuery(tradesPagesOptions(query));
