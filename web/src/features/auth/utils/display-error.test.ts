import { PlatformRequestError, PlatformUnreachableError } from '@bytelyst/platform-sdk';
import { isApiError } from '@bytelyst/trading-client';
import { describe, expect, it } from 'vitest';
import { displayError } from './display-error';

describe('displayError', () => {
  it('shows a platform refusal with its code, status and request id', () => {
    const shown = displayError(
      new PlatformRequestError({
        code: 'TOKEN_INVALID',
        message: 'The reset link is invalid.',
        httpStatus: 401,
        requestId: 'req-1',
      }),
    );
    expect(isApiError(shown)).toBe(true);
    expect(shown).toMatchObject({ code: 'TOKEN_INVALID', status: 401, requestId: 'req-1' });
  });

  it('shows a 429 with its code, request id and the wait it asks for', () => {
    const shown = displayError(
      new PlatformUnreachableError('Too many requests.', 429, {
        code: 'RATE_LIMITED',
        requestId: 'req-2',
        details: { retryAfterSeconds: 30 },
      }),
    );
    expect(isApiError(shown)).toBe(true);
    expect(shown).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      requestId: 'req-2',
      message: 'Too many requests. Try again in 30 s.',
    });
  });

  it('leaves an outage without a server answer as it is (the degraded state shows it)', () => {
    const outage = new PlatformUnreachableError('The platform is unreachable.', null);
    expect(displayError(outage)).toBe(outage);
  });
});
