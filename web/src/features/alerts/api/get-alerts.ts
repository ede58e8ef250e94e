import type { AlertState } from '@bytelyst/trading-contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiPages, apiQuery } from '../../../lib/api';

export const alertsPagesOptions = (state?: AlertState) =>
  apiPages('alerts', { limit: 50, ...(state ? { state } : {}) });
export const useAlertPages = (state?: AlertState) => useInfiniteQuery(alertsPagesOptions(state));

/** Open alerts by severity: the badge. Refetched when an `alert` event arrives (realtime bridge). */
export const alertCountsOptions = () => apiQuery('alertCounts', {});
export const useAlertCounts = () => useQuery(alertCountsOptions());
