import type { NotificationSettings } from '@bytelyst/trading-contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, callApi } from '../../../lib/api';

/** The same settings the web alert centre edits (GET/PUT /api/me/notifications). */
export const notificationSettingsOptions = () =>
  queryOptions({
    queryKey: apiKey('notificationSettings'),
    queryFn: ({ signal }) => callApi('notificationSettings', { signal }),
  });
export const useNotificationSettings = () => useQuery(notificationSettingsOptions());

export function usePutNotificationSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationSettings) => callApi('putNotificationSettings', { body }),
    onSuccess: (saved) => qc.setQueryData(apiKey('notificationSettings'), saved),
  });
}
