/**
 * A control, once committed, is enforced by the loop owner even when Redis (the fast path) is
 * gone: the database's NOTIFY and every instance's version poll (CONTROLS_POLL_MS) carry it.
 * Two real instances share PostgreSQL; their Redis sits behind a proxy the test cuts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../test-support/db.js';
import { startTwoInstances } from '../test-support/two-instances.js';
import { testRedisUrl } from '../test-support/env.js';
import { call, eventually, mintToken, type TestBackend } from '../test-support/backend-harness.js';
import { TcpProxy } from '../test-support/tcp-proxy.js';
import { tenantScope } from './ports/store.js';
import { CONTROLS_POLL_MS } from './services/controls-service.js';

const dbUrl = testDatabaseUrl();
const redisUrl = testRedisUrl();

describe.runIf(dbUrl && redisUrl)('controls with Redis down', () => {
  let a: TestBackend;
  let b: TestBackend;
  let redis: TcpProxy;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const target = new URL(redisUrl ?? '');
    redis = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
    ({ a, b, stop } = await startTwoInstances({
      redisUrl: redis.url(redisUrl ?? ''),
      instancePrefix: 'ctl',
    }));
  });
  afterAll(async () => {
    await redis?.up();
    await stop?.();
    await redis?.close();
  });

  it('a pause sent to the non-owner is answered 200 and enforced by the owner within the poll bound', async () => {
    await eventually(() =>
      expect(a.parts.leases.epochOf('acme') ?? b.parts.leases.epochOf('acme')).not.toBeNull(),
    );
    const owner = a.parts.leases.epochOf('acme') !== null ? a : b;
    const other = owner === a ? b : a;
    expect(owner.parts.engine.verdictFor('acme').canEnter).toBe(true);

    await redis.down();
    const admin = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
    const sentAt = Date.now();
    const r = await call(other, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: admin,
      body: { scope: 'tenant', targetId: 'acme', mode: 'PAUSED', reason: 'redis-down check' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.mode).toBe('PAUSED');

    await eventually(
      () => expect(owner.parts.engine.verdictFor('acme').canEnter).toBe(false),
      CONTROLS_POLL_MS + 1_000,
      20,
    );
    const enforcedAt = owner.clock.now();
    expect(Date.now() - sentAt).toBeLessThanOrEqual(CONTROLS_POLL_MS + 1_000);

    // No entry after it: a manual entry on the owner is refused, and the strategies place none
    // across the next candles (10x clock: a one-minute candle closes every 6 s).
    const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    const t = await call(owner, {
      path: '/api/trade',
      token: alice,
      body: { profileId: 'p-alice-btc-trend', symbol: 'BTC-USD', side: 'BUY', quantity: '0.01' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(t.status).not.toBe(200);
    await new Promise((r) => setTimeout(r, 8_000));
    const entries = await owner.parts.store.listDecisions(tenantScope('acme'), {
      action: 'ENTER',
      limit: 500,
    });
    const late = entries.items.filter(
      (d) => d.orderId !== null && Date.parse(d.createdAt) > enforcedAt,
    );
    expect(late).toEqual([]);
  }, 60_000);

  it('the version poll alone applies a control whose notifications were all lost', async () => {
    // Written straight into the store (no NOTIFY, no Redis): only the poll can find it.
    const owner = a.parts.leases.epochOf('acme') !== null ? a : b;
    await owner.parts.store.setControl({
      scope: 'tenant',
      targetId: 'acme',
      tenantId: 'acme',
      mode: 'HALTED',
      reason: 'written behind the buses',
      actor: { type: 'system', id: 'test', tenantId: null },
      requestId: 'req-silent',
    });
    await eventually(
      () => expect(owner.parts.controls.current().tenants.get('acme')).toBe('HALTED'),
      CONTROLS_POLL_MS + 1_000,
      20,
    );
  });
});
