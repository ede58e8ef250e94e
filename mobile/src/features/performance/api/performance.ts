import { useQuery } from '@tanstack/react-query';
import { viewerZone } from '@bytelyst/trading-client';
import { usePollInterval } from '../../../hooks/use-poll-interval';
import { apiQuery } from '../../../lib/api';

/**
 * The account's equity curve (GET /api/equity/series): downsampled points whose last one is the
 * live valuation, the Equity figure the screen shows beside it.
 */
export const useEquitySeries = () =>
  useQuery({ ...apiQuery('equitySeries', { query: {} }), refetchInterval: usePollInterval() });

/**
 * Performance analytics (GET /api/analytics), with days, weeks and months cut in the phone's
 * zone; every figure is the backend's, the screen only formats it.
 */
export const useAnalytics = () =>
  useQuery({
    ...apiQuery('analytics', { query: { timeZone: viewerZone().timeZone } }),
    refetchInterval: usePollInterval(),
  });
