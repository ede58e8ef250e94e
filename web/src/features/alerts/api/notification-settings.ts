import type { NotificationSettings } from '@bytelyst/trading-contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, apiQuery, callApi } from '../../../lib/api';

export const notificationSettingsOptions = () => apiQuery('notificationSettings', {});
export const useNotificationSettings = () => useQuery(notificationSettingsOptions());

export function useSaveNotificationSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationSettings) => callApi('putNotificationSettings', { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: apiKey('notificationSettings') }),
  });
}
