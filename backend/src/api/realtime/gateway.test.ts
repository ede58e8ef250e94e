import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import {
  call,
  connectSocket,
  eventually,
  mintToken,
  productStatus,
  startTestBackend,
  type TestBackend,
} from '../../../test-support/backend-harness.js';

let b: TestBackend;
const open: Socket[] = [];
const track = (s: Socket) => (open.push(s), s);

beforeAll(async () => {
  b = await startTestBackend({ speed: 30 });
});
afterAll(async () => {
  for (const s of open) s.disconnect();
  await b?.stop();
});

const connectError = (s: Socket) =>
  new Promise<{ message: string; data?: { code?: string } | undefined }>((resolve, reject) => {
    s.once('connect_error', (e: Error & { data?: { code?: string } }) =>
      resolve({ message: e.message, data: e.data }),
    );
    s.once('connect', () => reject(new Error('connected with a bad token')));
  });
// A socket may connect while the test awaits something else, before this is called.
const connected = (s: Socket) =>
  new Promise<void>((resolve, reject) => {
    if (s.connected) return resolve();
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });

describe('socket authentication', () => {
  it('refuses a bad, missing or foreign-signed token with connect_error', async () => {
    expect((await connectError(track(connectSocket(b, '/trading', 'not-a-jwt')))).data?.code).toBe(
      'TOKEN_INVALID',
    );
    expect((await connectError(track(connectSocket(b, '/trading', null)))).data?.code).toBe(
      'UNAUTHENTICATED',
    );
    const expired = await mintToken({ sub: 'u-alice', tenant: 'acme', ttl: -300 });
    expect((await connectError(track(connectSocket(b, '/trading', expired)))).data?.code).toBe(
      'TOKEN_EXPIRED',
    );
  });

  it('refuses a user on the admin namespace', async () => {
    const alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    expect((await connectError(track(connectSocket(b, '/admin', alice)))).data?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('ends a socket when its token expires, telling it why', async () => {
    const shortLived = await mintToken({ sub: 'u-alice', tenant: 'acme', ttl: 2 });
    const s = track(connectSocket(b, '/trading', shortLived));
    const ended = new Promise<string>((resolve) =>
      s.on('session_ended', (p: { reason: string }) => resolve(p.reason)),
    );
    const gone = new Promise<void>((resolve) => s.on('disconnect', () => resolve()));
    await connected(s);
    expect(await ended).toBe('token_expired');
    await gone;
  });

  it('the public namespace needs no token and carries product status changes', async () => {
    const s = track(connectSocket(b, '/', null));
    const seen: { enabled: boolean }[] = [];
    s.on('product_status', (p: { enabled: boolean }) => seen.push(p));
    await connected(s);
    b.status.set(productStatus({ enabled: false, version: 10 }));
    await eventually(() => expect(seen.some((p) => !p.enabled)).toBe(true), 5000);
    b.status.set(productStatus({ enabled: true, version: 11 }));
    await eventually(() => expect(seen.at(-1)?.enabled).toBe(true), 5000);
  });
});

describe('tenant isolation on sockets', () => {
  it('no event of one tenant ever reaches a socket of another, over a run with both trading', async () => {
    const [aliceToken, bobToken, admin] = await Promise.all([
      mintToken({ sub: 'u-alice', tenant: 'acme' }),
      mintToken({ sub: 'u-bob', tenant: 'globex' }),
      mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' }),
    ]);
    const alice = track(connectSocket(b, '/trading', aliceToken));
    const bob = track(connectSocket(b, '/trading', bobToken));
    const got = {
      alice: [] as { name: string; payload: any }[],
      bob: [] as { name: string; payload: any }[],
    };
    for (const [who, s] of [
      ['alice', alice],
      ['bob', bob],
    ] as const) {
      s.onAny((name: string, payload: unknown) => got[who].push({ name, payload }));
    }
    await Promise.all([connected(alice), connected(bob)]);
    // A control change for one tenant must reach only that tenant.
    await call(b, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: admin,
      body: { scope: 'tenant', targetId: 'globex', mode: 'PAUSED', reason: 'tenant review' },
    });
    await call(b, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: admin,
      body: { scope: 'tenant', targetId: 'globex', mode: 'RUNNING', reason: 'review done' },
    });
    // Let both tenants trade until each socket has seen its own decisions. On a starved machine
    // candles close late, so the wait is long; the message says where things stood if it ends.
    const tally = (list: { name: string }[]) =>
      list.reduce<Record<string, number>>((m, e) => ((m[e.name] = (m[e.name] ?? 0) + 1), m), {});
    await eventually(() => {
      const where = JSON.stringify({
        alice: tally(got.alice),
        bob: tally(got.bob),
        stats: b.parts.engine.stats,
        health: b.parts.engine.health(),
      });
      expect(got.alice.filter((e) => e.name === 'decision').length, where).toBeGreaterThan(2);
      expect(got.bob.filter((e) => e.name === 'decision').length, where).toBeGreaterThan(2);
    }, 45_000);
    for (const [who, tenant] of [
      ['alice', 'acme'],
      ['bob', 'globex'],
    ] as const) {
      for (const e of got[who]) {
        if (
          e.payload &&
          typeof e.payload === 'object' &&
          'tenantId' in e.payload &&
          e.payload.tenantId !== null
        ) {
          expect(e.payload.tenantId, `${who} got ${e.name}`).toBe(tenant);
        }
      }
    }
    expect(got.bob.some((e) => e.name === 'control' && e.payload.targetId === 'globex')).toBe(true);
    expect(got.alice.some((e) => e.name === 'control')).toBe(false);
    expect(got.alice.some((e) => e.name === 'price')).toBe(true);
    expect(got.alice.some((e) => e.name === 'bot_state')).toBe(true);
  }, 60_000);

  it("a disabled tenant's sockets are ended and its API refused", async () => {
    const s = track(
      connectSocket(b, '/trading', await mintToken({ sub: 'u-bob', tenant: 'globex' })),
    );
    const reason = new Promise<string>((resolve) =>
      s.on('session_ended', (p: { reason: string }) => resolve(p.reason)),
    );
    await connected(s);
    await b.parts.store.setTenantDisabled({ tenantId: 'globex', disabled: true });
    await b.parts.controls.reload();
    expect(await reason).toBe('tenant_disabled');
    const bob = await mintToken({ sub: 'u-bob', tenant: 'globex' });
    expect((await call(b, { path: '/api/profiles', token: bob })).status).toBe(403);
    await b.parts.store.setTenantDisabled({ tenantId: 'globex', disabled: false });
    await b.parts.controls.reload();
  });
});

describe('profile changes are pushed', () => {
  it("to the owner's and the tenant admins' sockets only, so open Profiles screens refetch", async () => {
    const [aliceToken, bobToken, adminToken] = await Promise.all([
      mintToken({ sub: 'u-alice', tenant: 'acme' }),
      mintToken({ sub: 'u-bob', tenant: 'globex' }),
      mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' }),
    ]);
    const sockets = {
      alice: track(connectSocket(b, '/trading', aliceToken)),
      bob: track(connectSocket(b, '/trading', bobToken)),
      admin: track(connectSocket(b, '/admin', adminToken)),
    };
    const got = { alice: [] as any[], bob: [] as any[], admin: [] as any[] };
    for (const [who, s] of Object.entries(sockets) as [keyof typeof got, Socket][])
      s.on('profile_changed', (payload: unknown) => got[who].push(payload));
    await Promise.all(Object.values(sockets).map(connected));

    const off = await call(b, {
      method: 'POST',
      path: '/api/profiles/p-alice-eth-rsi/disable',
      token: aliceToken,
    });
    expect(off.status).toBe(200);
    const pushed = {
      tenantId: 'acme',
      profileId: 'p-alice-eth-rsi',
      userId: 'u-alice',
      removed: false,
    };
    await eventually(() => {
      expect(got.alice).toEqual([expect.objectContaining(pushed)]);
      expect(got.admin).toEqual([expect.objectContaining(pushed)]);
    }, 10_000);
    await call(b, {
      method: 'POST',
      path: '/api/profiles/p-alice-eth-rsi/enable',
      token: aliceToken,
    });
    await eventually(() => expect(got.alice).toHaveLength(2), 10_000);
    expect(got.bob).toEqual([]);
  });
});
