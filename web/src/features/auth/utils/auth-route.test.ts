import { describe, expect, it } from 'vitest';
import { parseHash } from '../../../lib/router';
import { hashForResetLink } from './auth-route';

describe('the mailed reset link', () => {
  it('becomes the hash route with its token', () => {
    const hash = hashForResetLink({ pathname: '/reset-password', search: '?token=abc-_123' });
    expect(hash).toBe('#/reset-password?token=abc-_123');
    const route = parseHash(hash ?? '');
    expect(route.path).toBe('/reset-password');
    expect(route.query.get('token')).toBe('abc-_123');
  });

  it('keeps the route without a token, and leaves other paths alone', () => {
    expect(hashForResetLink({ pathname: '/reset-password/', search: '' })).toBe('#/reset-password');
    expect(hashForResetLink({ pathname: '/', search: '?token=x' })).toBeNull();
    expect(hashForResetLink({ pathname: '/markets', search: '' })).toBeNull();
  });
});
