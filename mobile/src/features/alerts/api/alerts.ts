import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiPages, apiQuery } from '../../../lib/api';

/** Alerts that still need attention (open or acknowledged), newest first. */
export const alertPagesOptions = () => apiPages('alerts', { limit: 30 });
export const useAlertPages = () => useInfiniteQuery(alertPagesOptions());

/** Open alerts by severity: the tab's badge. */
export const alertCountsOptions = () => apiQuery('alertCounts', {});
export const useAlertCounts = () => useQuery(alertCountsOptions());
