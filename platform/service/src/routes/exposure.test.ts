import { PRODUCT } from '@bytelyst/trading-contracts';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../storage/db.js';
import { bearer, startHarness, type Harness } from '../test-support/harness.js';

describe('platform exposure', () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await startHarness({ name: 'pglite', open: () => openPglite({ dataDir: 'memory://' }) });
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => h?.close());

  it('answers a wrong method with 405 and Allow', async () => {
    const r = await h.app.inject({ method: 'DELETE', url: '/auth/login' });
    expect(r.statusCode).toBe(405);
    expect(r.headers.allow).toBe('POST');
    expect((await h.app.inject({ url: '/nothing/here' })).statusCode).toBe(404);
  });

  it('marks answers to a bearer no-store', async () => {
    const { accessToken } = await h.login('alice@acme.demo.test');
    const r = await h.app.inject({ url: '/auth/sessions', headers: bearer(accessToken) });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('caps anonymous status streams per address', async () => {
    const url = `${base}/products/${PRODUCT.productId}/status/stream`;
    const aborts = Array.from({ length: 21 }, () => new AbortController());
    const answers = await Promise.all(aborts.map((a) => fetch(url, { signal: a.signal })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    for (const a of aborts) a.abort();
    // Closed streams give their places back.
    await new Promise((r) => setTimeout(r, 200));
    const again = new AbortController();
    expect((await fetch(url, { signal: again.signal })).status).toBe(200);
    again.abort();
  });
});
