import { useInfiniteQuery } from '@tanstack/react-query';
import { apiPages } from '../../../lib/api';

/** Closed round trips, newest first; each page asks with the previous page's cursor. */
export const tradesPagesOptions = () => apiPages('trades', { limit: 20 });
export const useTradePages = () => useInfiniteQuery(tradesPagesOptions());
