import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, mintToken, startTestApi, type TestApi } from '../../test-support/index.js';
import { etagOf } from './http/etag.js';

let b: TestApi;
let alice: string;

beforeAll(async () => {
  b = await startTestApi();
  alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
});

afterAll(async () => {
  await b?.stop();
});

/**
 * The mobile overview polls every minute: an unchanged answer must cost a 304 without a body,
 * and a changed one a compressed body; the equity curve is read incrementally with `since`.
 */
describe('conditional and compressed GETs', () => {
  it('answers 304 to a matching If-None-Match and 200 with a new tag after a change', async () => {
    const first = await call(b, { path: '/api/mobile-policy', token: alice });
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toBe(etagOf(JSON.stringify(first.body)));
    expect(first.headers.get('cache-control')).toBe('no-store');
    const again = await call(b, {
      path: '/api/mobile-policy',
      token: alice,
      headers: { 'if-none-match': `"other", ${etag}` },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');

    const admin = await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' });
    await call(b, {
      method: 'PUT',
      path: '/api/admin/mobile-policy',
      token: admin,
      body: { allowed: [], reason: 'etag test' },
    });
    const changed = await call(b, {
      path: '/api/mobile-policy',
      token: alice,
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    // A refusal is never a 304, whatever tag is sent.
    const anon = await call(b, { path: '/api/mobile-policy', headers: { 'if-none-match': '*' } });
    expect(anon.status).toBe(401);
  });

  it('gzips answers above 1 KB when the client accepts it', async () => {
    const res = await b.app.inject({
      method: 'GET',
      url: '/api/strategies',
      headers: { authorization: `Bearer ${alice}`, 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const json = gunzipSync(res.rawPayload).toString('utf8');
    expect(res.rawPayload.length).toBeLessThan(json.length / 2);
    expect(res.headers.etag).toBe(etagOf(json));
  });

  it('reads the equity curve incrementally with since', async () => {
    const all = await call(b, { path: '/api/equity', token: alice });
    expect(all.status).toBe(200);
    const items = all.body.items as { at: string }[];
    if (items.length > 0) {
      const last = items[items.length - 1]?.at ?? '';
      const tail = await call(b, {
        path: `/api/equity?since=${encodeURIComponent(last)}`,
        token: alice,
      });
      expect(tail.body.items.every((s: { at: string }) => s.at > last)).toBe(true);
    }
    expect((await call(b, { path: '/api/equity?since=yesterday', token: alice })).status).toBe(400);
  });
});
