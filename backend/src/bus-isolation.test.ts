/**
 * Redis as several deployments share it: every channel carries the deployment's REDIS_PREFIX, so
 * no event crosses between deployments on one server (pub/sub ignores the database index); and
 * an instance shuts down within a bound whatever Redis does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createTestSchema, testDatabaseUrl, uniqueId } from '../test-support/db.js';
import { testRedisUrl } from '../test-support/env.js';
import {
  call,
  connectSocket,
  eventually,
  mintToken,
  startTestBackend,
  type TestBackend,
} from '../test-support/backend-harness.js';
import { TcpProxy } from '../test-support/tcp-proxy.js';

const dbUrl = testDatabaseUrl();
const redisUrl = testRedisUrl();

const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });

describe.runIf(dbUrl && redisUrl)('deployments sharing one Redis', () => {
  const drops: (() => Promise<void>)[] = [];
  const backends: TestBackend[] = [];
  const sockets: Socket[] = [];

  const deployment = async (prefix: string, instanceId: string, url = redisUrl ?? '') => {
    const schema = await createTestSchema();
    drops.push(schema.drop);
    const b = await startTestBackend({
      databaseUrl: schema.url,
      schema: schema.schema,
      redisUrl: url,
      instanceId,
      env: { REDIS_PREFIX: prefix },
    });
    backends.push(b);
    return b;
  };

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const b of backends) await b.stop();
    for (const d of drops) await d();
  });

  it('no event crosses between two prefixes; the same prefix carries it', async () => {
    const one = uniqueId('dep-one');
    const a = await deployment(one, 'iso-a1');
    const a2 = await deployment(one, 'iso-a2');
    const b = await deployment(uniqueId('dep-two'), 'iso-b1');
    const admin = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
    const seen = { a2: [] as string[], b: [] as string[] };
    const sa2 = connectSocket(a2, '/admin', admin);
    const sb = connectSocket(b, '/admin', admin);
    sockets.push(sa2, sb);
    sa2.on('control', (c: { reason: string }) => seen.a2.push(c.reason));
    sb.on('control', (c: { reason: string }) => seen.b.push(c.reason));
    await Promise.all([connected(sa2), connected(sb)]);
    const reason = uniqueId('cross-check');
    const r = await call(a, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: admin,
      body: { scope: 'tenant', targetId: 'acme', mode: 'PAUSED', reason },
    });
    expect(r.status).toBe(200);
    // The same deployment's other instance hears it through Redis ...
    await eventually(() => expect(seen.a2).toContain(reason), 5000);
    // ... and the other deployment, on the same Redis, never does.
    await new Promise((res) => setTimeout(res, 1000));
    expect(seen.b).toEqual([]);
    expect(b.parts.controls.current().tenants.get('acme')).toBeUndefined();
  }, 60_000);

  it('after a Redis outage, sockets are ended so clients reconnect and refetch the gap', async () => {
    const target = new URL(redisUrl ?? '');
    const proxy = await TcpProxy.start({
      host: target.hostname,
      port: Number(target.port || 6379),
    });
    try {
      const g = await deployment(uniqueId('dep-gap'), 'iso-g1', proxy.url(redisUrl ?? ''));
      const admin = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
      const s = connectSocket(g, '/admin', admin);
      sockets.push(s);
      await connected(s);
      const ended: string[] = [];
      s.on('disconnect', (reason: string) => ended.push(reason));
      await proxy.down();
      await new Promise((r) => setTimeout(r, 1000));
      // Still connected while the bus is down (local events keep flowing) ...
      expect(ended).toEqual([]);
      await proxy.up();
      // ... and ended by the server once it is back, which clients read as "reconnect, refetch".
      // ioredis retries with a growing delay (capped at 2 s); under the whole suite's load its
      // reconnect and resubscribe took over 10 s twice, so the bound is generous.
      await eventually(() => expect(ended).toEqual(['io server disconnect']), 30_000);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('shuts down within a bound while Redis answers nothing', async () => {
    const target = new URL(redisUrl ?? '');
    const proxy = await TcpProxy.start({
      host: target.hostname,
      port: Number(target.port || 6379),
    });
    try {
      const c = await deployment(uniqueId('dep-stall'), 'iso-c1', proxy.url(redisUrl ?? ''));
      proxy.stall();
      const began = Date.now();
      await c.stop();
      // Redis waits are bounded at 500 ms each; the rest is the instance's own shutdown.
      expect(Date.now() - began).toBeLessThan(10_000);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
