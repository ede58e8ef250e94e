import { Password } from '@bytelyst/trading-contracts';

// The platform's own rule (PasswordResetConfirmBody), so the form never accepts what it refuses.
export const MIN_PASSWORD_LENGTH = Password.minLength ?? 10;
export const MAX_PASSWORD_LENGTH = Password.maxLength ?? 200;

/** The first problem with the chosen password, or null when it may be sent. */
export function newPasswordProblem(input: { password: string; confirm: string }): string | null {
  if (input.password.length < MIN_PASSWORD_LENGTH)
    return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (input.password.length > MAX_PASSWORD_LENGTH)
    return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (input.password !== input.confirm) return 'The two passwords do not match.';
  return null;
}
