import { PlatformRequestError, PlatformUnreachableError } from '@bytelyst/platform-sdk';
import { describe, expect, it } from 'vitest';
import { signInMessage } from './sign-in-message';

describe('signInMessage', () => {
  it('says a 429 is a wait, with its request id, not an outage', () => {
    const e = new PlatformUnreachableError('Too many requests.', 429, {
      code: 'RATE_LIMITED',
      requestId: 'req-7',
      details: { retryAfterSeconds: 12 },
    });
    expect(signInMessage(e)).toBe(
      'Too many requests. Try again in 12 s. (code RATE_LIMITED, request id req-7)',
    );
  });

  it('says an outage is an outage and wrong credentials are wrong credentials', () => {
    expect(signInMessage(new PlatformUnreachableError('unreachable', null))).toMatch(
      /cannot be reached/,
    );
    const refused = new PlatformRequestError({
      code: 'UNAUTHENTICATED',
      message: 'Sign in first.',
      httpStatus: 401,
      requestId: 'r',
    });
    expect(signInMessage(refused)).toBe('Email or password is wrong.');
  });
});
