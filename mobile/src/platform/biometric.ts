import * as LocalAuthentication from 'expo-local-authentication';
import { checkBiometric, type BiometricOutcome } from '../lib/biometric-check';

/** Native: the phone's own check (Face ID, Touch ID, fingerprint; passcode as the OS allows). */
export const biometricCheck = (prompt: string): Promise<BiometricOutcome> =>
  checkBiometric(LocalAuthentication, prompt);

/** Said before the user confirms; null where the check will run. */
export const biometricNotice: string | null = null;
