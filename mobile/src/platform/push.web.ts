import type { PushRegistration } from '../lib/push-registration';

export const pushUnavailableReason: string | null =
  'Push notifications are not available in the web build (Expo push needs the iOS or Android app). Alerts still appear in the Alerts tab.';

/** The web build: Expo push tokens exist only in the native apps. */
export const obtainPushToken = (): Promise<PushRegistration> =>
  Promise.resolve({ kind: 'unavailable', reason: pushUnavailableReason ?? '' });
