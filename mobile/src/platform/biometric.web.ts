import { WEB_SKIP_REASON, type BiometricOutcome } from '../lib/biometric-check';

/** The web build: no biometric API to call, so the check is skipped and the reason is shown. */
export const biometricCheck = (): Promise<BiometricOutcome> =>
  Promise.resolve({ kind: 'skipped', reason: WEB_SKIP_REASON });

export const biometricNotice: string | null = WEB_SKIP_REASON;
