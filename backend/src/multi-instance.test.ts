import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { testDatabaseUrl } from '../test-support/db.js';
import { startTwoInstances } from '../test-support/two-instances.js';
import { testRedisUrl } from '../test-support/env.js';
import {
  call,
  connectSocket,
  eventually,
  mintToken,
  type TestBackend,
} from '../test-support/backend-harness.js';

const dbUrl = testDatabaseUrl();
const redisUrl = testRedisUrl();

describe.runIf(dbUrl && redisUrl)('two backend instances on one PostgreSQL and one Redis', () => {
  let a: TestBackend;
  let b: TestBackend;
  let stop: (() => Promise<void>) | undefined;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    ({ a, b, stop } = await startTwoInstances({
      redisUrl: redisUrl ?? '',
      instancePrefix: 'inst',
    }));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await stop?.();
  });

  it('each tenant loop runs on exactly one instance', async () => {
    await eventually(() => {
      const held = [...a.parts.leases.held(), ...b.parts.leases.held()]
        .map((l) => l.tenantId)
        .sort();
      expect(held).toEqual(['acme', 'globex']);
    });
  });

  it('an event raised on one instance reaches a socket connected to the other', async () => {
    const admin = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
    const s = connectSocket(b, '/admin', admin);
    sockets.push(s);
    const controls: { mode: string }[] = [];
    s.on('control', (c: { mode: string }) => controls.push(c));
    await new Promise<void>(
      (resolve, reject) => (s.once('connect', () => resolve()), s.once('connect_error', reject)),
    );
    const r = await call(a, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: admin,
      body: { scope: 'global', mode: 'PAUSED', reason: 'cross-instance check' },
    });
    expect(r.status).toBe(200);
    await eventually(() => expect(controls.some((c) => c.mode === 'PAUSED')).toBe(true), 5000);
    // The other instance's engine applies it too (it reloads controls on the change bus).
    await eventually(() => expect(b.parts.controls.current().global).toBe('PAUSED'), 5000);
    await call(a, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: admin,
      body: { scope: 'global', mode: 'RUNNING', reason: 'cross-instance check done' },
    });
    await eventually(() => expect(b.parts.controls.current().global).toBe('RUNNING'), 5000);
  });

  it('a config change on one instance is applied by the other', async () => {
    const admin = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
    const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    const r = await call(a, {
      method: 'PUT',
      path: '/api/admin/config',
      token: admin,
      body: {
        key: 'flags.backtest',
        value: false,
        expectedVersion: 0,
        reason: 'switch off backtests',
      },
    });
    expect(r.status).toBe(200);
    await eventually(async () => {
      const flags = await call(b, { path: '/api/feature-flags', token: alice });
      expect(flags.body.flags.backtest).toBe(false);
    }, 5000);
  });

  it('when the owner stops, the survivor takes over its tenants with a higher epoch', async () => {
    const owner = a.parts.leases.held().length ? a : b;
    const survivor = owner === a ? b : a;
    const before = new Map(owner.parts.leases.held().map((l) => [l.tenantId, l.epoch]));
    await owner.stop();
    await eventually(() => {
      for (const [tenant, epoch] of before)
        expect(survivor.parts.leases.epochOf(tenant) ?? 0).toBeGreaterThan(epoch);
    }, 15_000);
    await eventually(() => expect(survivor.parts.engine.health().reconciled).toBe(true), 15_000);
  });
});
