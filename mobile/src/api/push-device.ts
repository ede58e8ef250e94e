import { useAuth } from '@bytelyst/react-auth';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { callApi } from '../lib/api';
import type { PushRegistration } from '../lib/push-registration';
import { device } from '../platform/platform';
import { obtainPushToken } from '../platform/push';

/**
 * Gets this device's Expo push token (asking the OS for permission when `ask`) and registers it
 * with POST /api/me/devices, named like the device in audit rows. Answers what happened, so the
 * settings screen can say it (denied, unavailable on the web, failed, registered).
 */
export async function registerPushDevice(ask: boolean): Promise<PushRegistration> {
  const r = await obtainPushToken(ask);
  if (r.kind !== 'token') return r;
  await callApi('registerDevice', {
    body: { token: r.token, platform: r.platform, name: device.current()?.name ?? r.platform },
  });
  return r;
}

export const usePushRegistration = () =>
  useMutation({ mutationFn: (ask: boolean) => registerPushDevice(ask) });

/**
 * After sign-in: if the user already allowed notifications, (re)register the token without
 * asking again (tokens can change; the backend keeps one row per token). Never prompts.
 */
export function usePushAutoRegister() {
  const userId = useAuth().user?.id;
  useEffect(() => {
    if (userId) void registerPushDevice(false).catch(() => undefined);
  }, [userId]);
}
