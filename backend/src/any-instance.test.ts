/**
 * Any instance serves any tenant: two instances behind a round-robin, each tenant's loop on one
 * of them; every trade and close succeeds whichever instance takes it (the other forwards it to
 * the owner through loop_commands), and readiness says both can serve every tenant.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../test-support/db.js';
import { startTwoInstances } from '../test-support/two-instances.js';
import { testRedisUrl } from '../test-support/env.js';
import {
  call,
  eventually,
  mintToken,
  type Call,
  type TestBackend,
} from '../test-support/backend-harness.js';

const dbUrl = testDatabaseUrl();
const redisUrl = testRedisUrl();

describe.runIf(dbUrl && redisUrl)('two instances behind a round-robin', () => {
  let a: TestBackend;
  let b: TestBackend;
  let stop: (() => Promise<void>) | undefined;
  let turn = 0;
  /** The balancer: every request goes to the next instance. */
  const forwarded = { trade: 0, close: 0 };
  const rr = (c: Call, tenant: string) => {
    const target = turn++ % 2 === 0 ? a : b;
    if (target.parts.leases.epochOf(tenant) === null)
      forwarded[c.path === '/api/close' ? 'close' : 'trade']++;
    return call(target, c);
  };

  beforeAll(async () => {
    ({ a, b, stop } = await startTwoInstances({ redisUrl: redisUrl ?? '', instancePrefix: 'rr' }));
    await eventually(() => {
      const held = [...a.parts.leases.held(), ...b.parts.leases.held()].map((l) => l.tenantId);
      expect(held.sort()).toEqual(['acme', 'globex']);
      expect(a.parts.engine.health().reconciled && b.parts.engine.health().reconciled).toBe(true);
    }, 20_000);
  });
  /** No cooldown after a losing close, so every round's entry is allowed (the point is routing). */
  const noCooldown = async (token: string, id: string) => {
    const p = await call(a, { path: `/api/profiles/${id}`, token });
    const r = await call(a, {
      method: 'PATCH',
      path: `/api/profiles/${id}`,
      token,
      body: { risk: { ...p.body.risk, cooldownAfterLossMs: 0 }, expectedVersion: p.body.version },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  afterAll(async () => {
    await stop?.();
  });

  it('every trade and close succeeds, whichever instance takes it', async () => {
    const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    const bob = await mintToken({ sub: 'u-bob', tenant: 'globex' });
    const cases = [
      {
        tenant: 'acme',
        token: alice,
        profileId: 'p-alice-btc-trend',
        symbol: 'BTC-USD',
        quantity: '0.01',
      },
      {
        tenant: 'globex',
        token: bob,
        profileId: 'p-bob-breakout',
        symbol: 'AAPL-USD',
        quantity: '1',
      },
    ];
    await noCooldown(alice, 'p-alice-btc-trend');
    await noCooldown(bob, 'p-bob-breakout');
    await new Promise((r) => setTimeout(r, 1000));
    const statuses: number[] = [];
    for (let round = 0; round < 6; round++) {
      // An odd number of requests per round, so trades and closes both land on both instances.
      if (round % 2 === 1) turn++;
      for (const c of cases) {
        const t = await rr(
          {
            path: '/api/trade',
            token: c.token,
            body: { profileId: c.profileId, symbol: c.symbol, side: 'BUY', quantity: c.quantity },
            headers: { 'idempotency-key': randomUUID() },
          },
          c.tenant,
        );
        statuses.push(t.status);
        expect(t.status, JSON.stringify(t.body)).toBe(200);
        expect(t.body.order.status).not.toBe('REJECTED');
        const cl = await rr(
          {
            path: '/api/close',
            token: c.token,
            body: { profileId: c.profileId, symbol: c.symbol },
            headers: { 'idempotency-key': randomUUID() },
          },
          c.tenant,
        );
        statuses.push(cl.status);
        expect(cl.status, JSON.stringify(cl.body)).toBe(200);
      }
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Half the requests landed on the instance without the tenant's loop, trades and closes both.
    expect(forwarded.trade).toBeGreaterThan(0);
    expect(forwarded.close).toBeGreaterThan(0);
    expect(forwarded.trade + forwarded.close).toBe(statuses.length / 2);
  }, 120_000);

  it('a retried request through the other instance returns the same order', async () => {
    const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    const key = randomUUID();
    const body = {
      profileId: 'p-alice-btc-trend',
      symbol: 'BTC-USD',
      side: 'BUY',
      quantity: '0.01',
    };
    const first = await call(a, {
      path: '/api/trade',
      token: alice,
      body,
      headers: { 'idempotency-key': key },
    });
    const again = await call(b, {
      path: '/api/trade',
      token: alice,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.order.id).toBe(first.body.order.id);
  });

  it('a cancel sent to the instance without the loop is executed by the owner', async () => {
    const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    const owner = a.parts.leases.epochOf('acme') !== null ? a : b;
    const other = owner === a ? b : a;
    const placed = await call(owner, {
      path: '/api/trade',
      token: alice,
      body: {
        profileId: 'p-alice-btc-trend',
        symbol: 'BTC-USD',
        side: 'BUY',
        type: 'LIMIT',
        limitPrice: '30000',
        quantity: '0.01',
      },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    const cancelled = await call(other, {
      method: 'POST',
      path: `/api/orders/${placed.body.order.id}/cancel`,
      token: alice,
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
  });

  it('readiness: both instances can serve every tenant', async () => {
    for (const inst of [a, b]) {
      const r = await call(inst, { path: '/health/ready' });
      const loops = r.body.checks.find((c: { name: string }) => c.name === 'tenant_loops');
      expect(loops, JSON.stringify(r.body)).toMatchObject({ ok: true });
    }
  });
});
