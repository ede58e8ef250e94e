import type { CreatedWebhook, WebhookFormat } from '@bytelyst/trading-contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiKey, apiQuery, callApi } from '../../../lib/api';

/** My webhook endpoints: masked secret, last attempt. */
export const webhooksOptions = () => apiQuery('webhooks', {});
export const useWebhooks = () => useQuery(webhooksOptions());

function useWebhookMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => void qc.invalidateQueries({ queryKey: apiKey('webhooks') }),
  });
}

/** Answers the endpoint with its secret: the only time the secret is shown. */
export const useCreateWebhook = () =>
  useWebhookMutation((body: { url: string; format: WebhookFormat }): Promise<CreatedWebhook> =>
    callApi('createWebhook', { body }),
  );

/** A new secret at once; the receiver must switch to it. */
export const useRotateWebhookSecret = () =>
  useWebhookMutation((id: string) => callApi('rotateWebhookSecret', { params: { id } }));

/** A signed test message now; the answer says what the receiver replied. */
export const useTestWebhook = () =>
  useWebhookMutation((id: string) => callApi('testWebhook', { params: { id } }));

export const useDeleteWebhook = () =>
  useWebhookMutation((id: string) => callApi('deleteWebhook', { params: { id } }));
