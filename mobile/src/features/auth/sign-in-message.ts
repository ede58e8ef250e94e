import { isUnreachable, waitMessage } from '@bytelyst/platform-sdk';
import { AppError } from '@bytelyst/trading-contracts';

/**
 * What the sign-in screen says about a failed sign-in. A 429 is "transient" to the SDK, but the
 * server said what it was: its message, the wait it asks for and the request id support needs,
 * instead of "cannot be reached".
 */
export function signInMessage(e: unknown): string {
  if (isUnreachable(e)) {
    if (!e.code)
      return 'The sign-in service cannot be reached. Check your connection and try again.';
    const trace = e.requestId ? `code ${e.code}, request id ${e.requestId}` : `code ${e.code}`;
    return `${waitMessage(e)} (${trace})`;
  }
  if (e instanceof AppError && e.status === 401) return 'Email or password is wrong.';
  return e instanceof Error ? e.message : 'Sign-in failed.';
}
