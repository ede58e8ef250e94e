import { useInfiniteQuery } from '@tanstack/react-query';
import { apiPages } from '../../../lib/api';

export const alertsPagesOptions = () => apiPages('alerts', { limit: 50 });
export const useAlertPages = () => useInfiniteQuery(alertsPagesOptions());
