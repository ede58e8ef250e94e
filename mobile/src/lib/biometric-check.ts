/** What the device's biometric check said before an intervention is sent. */
export type BiometricOutcome =
  | { kind: 'passed' }
  /** No check was possible; the confirmation alone authorises, and the user is told why. */
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; reason: string };

/** The part of expo-local-authentication this uses (a fake in tests). */
export interface BiometricPort {
  hasHardwareAsync(): Promise<boolean>;
  isEnrolledAsync(): Promise<boolean>;
  authenticateAsync(options: {
    promptMessage: string;
    cancelLabel?: string;
    disableDeviceFallback?: boolean;
  }): Promise<{ success: true } | { success: false; error: string }>;
}

export const WEB_SKIP_REASON =
  'The web build cannot use the device’s biometric check; your confirmation alone authorises this action.';

/**
 * Face ID / Touch ID / fingerprint where the phone has it and the user enrolled; otherwise
 * skipped with the reason shown to the user (never silently). The device passcode is accepted
 * as a fallback, as the OS offers it.
 */
export async function checkBiometric(
  port: BiometricPort,
  promptMessage: string,
): Promise<BiometricOutcome> {
  try {
    if (!(await port.hasHardwareAsync()))
      return {
        kind: 'skipped',
        reason: 'This device has no biometric sensor; your confirmation alone authorises this.',
      };
    if (!(await port.isEnrolledAsync()))
      return {
        kind: 'skipped',
        reason:
          'No fingerprint or face is enrolled on this device; your confirmation alone authorises this.',
      };
    const r = await port.authenticateAsync({ promptMessage, cancelLabel: 'Cancel' });
    if (r.success) return { kind: 'passed' };
    return {
      kind: 'failed',
      reason:
        r.error === 'user_cancel' || r.error === 'system_cancel' || r.error === 'app_cancel'
          ? 'Biometric check cancelled: nothing was sent.'
          : `Biometric check failed (${r.error}): nothing was sent.`,
    };
  } catch (e) {
    return {
      kind: 'failed',
      reason: `Biometric check unavailable (${e instanceof Error ? e.message : 'error'}): nothing was sent.`,
    };
  }
}
