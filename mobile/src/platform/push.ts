import Constants from 'expo-constants';
import * as Notifications from 'expo-notifications';
import { Platform } from 'react-native';
import type { PushRegistration } from '../lib/push-registration';

export const pushUnavailableReason: string | null = null;

/**
 * Asks the OS for permission (only when `ask`; otherwise reads what the user already decided),
 * then mints this install's Expo push token. The caller registers it with the backend.
 */
export async function obtainPushToken(ask: boolean): Promise<PushRegistration> {
  try {
    let perm = await Notifications.getPermissionsAsync();
    if (!perm.granted && ask && perm.canAskAgain)
      perm = await Notifications.requestPermissionsAsync();
    if (!perm.granted)
      return {
        kind: 'denied',
        reason: ask
          ? 'Notifications are not allowed for this app: turn them on in the phone settings.'
          : 'Not enabled on this device yet.',
      };
    // EAS builds carry their project id; Expo's push service keys tokens by it.
    const eas = (Constants as { easConfig?: { projectId?: unknown } | null }).easConfig;
    const projectId = typeof eas?.projectId === 'string' ? eas.projectId : undefined;
    const token = await Notifications.getExpoPushTokenAsync(projectId ? { projectId } : {});
    return {
      kind: 'token',
      token: token.data,
      platform: Platform.OS === 'ios' ? 'ios' : 'android',
    };
  } catch (e) {
    return {
      kind: 'failed',
      reason: `Could not get a push token: ${e instanceof Error ? e.message : 'unknown error'}.`,
    };
  }
}
