import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelopeSchema } from '@bytelyst/trading-contracts';
import { call, mintToken, startTestApi, type TestApi } from '../../test-support/index.js';

let b: TestApi;

beforeAll(async () => {
  // 5 requests a minute per user, 10 per IP (the IP limit is twice the user limit).
  b = await startTestApi({ speed: 1, env: { RATE_LIMIT_PER_MINUTE: '5' } });
});
afterAll(async () => {
  await b?.stop();
});

describe('rate limits and security headers over HTTP', () => {
  it('limits each user, then the IP, answering 429 RATE_LIMITED with Retry-After', async () => {
    const [alice, carol] = await Promise.all([
      mintToken({ sub: 'u-alice', tenant: 'acme' }),
      mintToken({ sub: 'u-carol', tenant: 'acme' }),
    ]);
    for (let i = 0; i < 5; i++) {
      expect((await call(b, { path: '/api/positions', token: alice })).status).toBe(200);
    }
    const refused = await call(b, { path: '/api/positions', token: alice });
    expect(refused.status).toBe(429);
    const envelope = ErrorEnvelopeSchema.parse(refused.body);
    expect(envelope.error.code).toBe('RATE_LIMITED');
    expect(envelope.error.requestId).toBe(refused.headers.get('x-request-id'));
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);

    // Another user on the same address has a budget of their own...
    for (let i = 0; i < 4; i++) {
      expect((await call(b, { path: '/api/positions', token: carol })).status).toBe(200);
    }
    // ...until the address itself is past its limit (10 requests so far, counting the refusal).
    const byIp = await call(b, { path: '/api/positions', token: carol });
    expect(byIp.status).toBe(429);
    expect(ErrorEnvelopeSchema.parse(byIp.body).error.code).toBe('RATE_LIMITED');
    // Anonymous callers are counted by address too.
    expect((await call(b, { path: '/health/live' })).status).toBe(429);
  });

  it('sends the API security headers and none of the document-only ones', async () => {
    const fresh = await startTestApi({ speed: 1 });
    try {
      const r = await call(fresh, { path: '/health/live' });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('cross-origin-resource-policy')).toBe('same-site');
      for (const h of ['x-ratelimit-limit', 'origin-agent-cluster', 'x-xss-protection']) {
        expect(r.headers.get(h), h).toBeNull();
      }
    } finally {
      await fresh.stop();
    }
  });
});
