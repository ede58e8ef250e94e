import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelopeSchema } from '@bytelyst/trading-contracts';
import {
  call,
  eventually,
  mintToken,
  productStatus,
  startTestApi,
  type TestApi,
} from '../../test-support/index.js';

let b: TestApi;
let alice: string;
let carol: string;
let bob: string;
let admin: string;

const ALICE_PROFILE = 'p-alice-btc-trend';
const BOB_PROFILE = 'p-bob-breakout';

beforeAll(async () => {
  // 10x market time: one-minute candles close every 6 s, and ticks stay within the 15 s staleness rule.
  b = await startTestApi({ speed: 10 });
  alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
  carol = await mintToken({ sub: 'u-carol', tenant: 'acme' });
  bob = await mintToken({ sub: 'u-bob', tenant: 'globex' });
  admin = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
  // Wait until both demo tenants are reconciled and trading.
  await eventually(async () => {
    const r = await call(b, { path: '/api/bot-state', token: bob });
    expect(r.body.status).toBe('running');
  });
});

afterAll(async () => {
  await b?.stop();
});

const expectEnvelope = (body: unknown, code: string) => {
  const env = ErrorEnvelopeSchema.parse(body);
  expect(env.error.code).toBe(code);
  expect(env.error.requestId.length).toBeGreaterThan(0);
  return env;
};

describe('tenant isolation', () => {
  const bobsProfile = async () =>
    (await call(b, { path: `/api/profiles/${BOB_PROFILE}`, token: bob })).body;

  it("another tenant's ids answer 404 on every id-taking route and change nothing", async () => {
    const before = await bobsProfile();
    const venueOrdersBefore = b.parts.exchange.account('globex').orders.size;
    const attempts: {
      method: string;
      path: string;
      body?: unknown;
      headers?: Record<string, string>;
    }[] = [
      { method: 'GET', path: `/api/profiles/${BOB_PROFILE}` },
      {
        method: 'PATCH',
        path: `/api/profiles/${BOB_PROFILE}`,
        body: { name: 'pwned', expectedVersion: before.version },
      },
      { method: 'DELETE', path: `/api/profiles/${BOB_PROFILE}` },
      { method: 'POST', path: `/api/profiles/${BOB_PROFILE}/enable` },
      { method: 'POST', path: `/api/profiles/${BOB_PROFILE}/disable` },
      ...['positions', 'orders', 'trades', 'ledger', 'equity', 'decisions', 'alerts'].map((r) => ({
        method: 'GET',
        path: `/api/${r}?profileId=${BOB_PROFILE}`,
      })),
      {
        method: 'POST',
        path: '/api/trade',
        body: { profileId: BOB_PROFILE, symbol: 'AAPL-USD', side: 'BUY', quantity: '1' },
        headers: { 'idempotency-key': randomUUID() },
      },
      { method: 'POST', path: '/api/close', body: { profileId: BOB_PROFILE, symbol: 'AAPL-USD' } },
    ];
    for (const a of attempts) {
      for (const token of [alice, admin]) {
        const r = await call(b, {
          method: a.method,
          path: a.path,
          token,
          body: a.body,
          headers: a.headers,
        });
        expect(r.status, `${a.method} ${a.path}`).toBe(404);
        expectEnvelope(r.body, 'NOT_FOUND');
      }
    }
    const after = await bobsProfile();
    expect(after).toEqual(before);
    expect(b.parts.exchange.account('globex').orders.size).toBe(venueOrdersBefore);
  });

  it("a colleague in the same tenant cannot see or touch a user's profile", async () => {
    expect((await call(b, { path: `/api/profiles/${ALICE_PROFILE}`, token: carol })).status).toBe(
      404,
    );
    expect((await call(b, { path: '/api/profiles', token: carol })).body.items).toEqual([]);
    expect(
      (await call(b, { path: `/api/orders?profileId=${ALICE_PROFILE}`, token: carol })).status,
    ).toBe(404);
  });

  it("lists only ever contain the caller's tenant", async () => {
    await eventually(async () => {
      const r = await call(b, { path: '/api/decisions?limit=100', token: bob });
      expect(r.body.items.length).toBeGreaterThan(0);
    });
    for (const route of [
      'profiles',
      'positions',
      'orders',
      'trades',
      'ledger',
      'equity',
      'decisions',
      'alerts',
    ]) {
      const r = await call(b, { path: `/api/${route}`, token: bob });
      expect(r.status, route).toBe(200);
      for (const item of r.body.items) expect(item.tenantId, route).toBe('globex');
    }
  });

  it('a tenantId or role in a body or query is refused and changes nothing', async () => {
    const r1 = await call(b, { path: '/api/profiles?tenantId=globex', token: alice });
    expect(r1.status).toBe(400);
    const r2 = await call(b, { path: '/api/orders?tenantId=globex', token: alice });
    expect(r2.status).toBe(400);
    expectEnvelope(r2.body, 'VALIDATION_FAILED');
    const r3 = await call(b, {
      path: '/api/profiles',
      token: alice,
      body: {
        name: 'x',
        symbols: ['BTC-USD'],
        timeframe: '1m',
        capitalAllocation: '100',
        strategy: { strategy: 'sma-cross', params: {} },
        tenantId: 'globex',
        role: 'operator',
      },
    });
    expect(r3.status).toBe(400);
    expect(
      (await call(b, { path: '/api/profiles', token: bob })).body.items.every(
        (p: { name: string }) => p.name !== 'x',
      ),
    ).toBe(true);
  });

  it('admin routes answer 403 to users, and a previewing admin gets exactly the customer view', async () => {
    for (const path of [
      '/api/admin/trading-control',
      '/api/admin/config',
      '/api/admin/audit',
      '/api/admin/strategy-clusters',
      '/api/admin/signals',
      '/api/admin/entries',
    ]) {
      const r = await call(b, { path, token: alice });
      expect(r.status, path).toBe(403);
      expectEnvelope(r.body, 'FORBIDDEN');
    }
    expect((await call(b, { path: '/api/admin/audit', token: admin })).status).toBe(200);
    const asAlice = await call(b, { path: '/api/profiles', token: alice });
    const preview = await call(b, {
      path: '/api/profiles',
      token: admin,
      headers: { 'x-preview-as': 'u-alice' },
    });
    expect(preview.body).toEqual(asAlice.body);
    const me = await call(b, {
      path: '/api/me/profile',
      token: admin,
      headers: { 'x-preview-as': 'u-alice' },
    });
    expect(me.body).toMatchObject({ userId: 'u-alice', role: 'user', preview: true });
    expect(
      (
        await call(b, {
          path: '/api/admin/audit',
          token: admin,
          headers: { 'x-preview-as': 'u-alice' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(b, { path: '/api/profiles', token: alice, headers: { 'x-preview-as': 'u-bob' } }))
        .status,
    ).toBe(403);
  });
});

describe('authentication over HTTP', () => {
  it('missing, malformed, expired and foreign tokens answer 401 with the envelope and are audited', async () => {
    const expired = await mintToken({ sub: 'u-alice', tenant: 'acme', ttl: -120 });
    for (const headers of [
      {},
      { authorization: 'Basic abc' },
      { authorization: `Bearer ${expired}` },
      { authorization: 'Bearer a.b.c' },
    ]) {
      const r = await call(b, {
        path: '/api/profiles',
        headers,
      });
      expect(r.status).toBe(401);
      const env = expectEnvelope(r.body, (r.body as { error: { code: string } }).error.code);
      expect(['UNAUTHENTICATED', 'TOKEN_INVALID', 'TOKEN_EXPIRED']).toContain(env.error.code);
      expect(r.headers.get('x-request-id')).toBe(env.error.requestId);
    }
    // One row per refusal code, route and source in a window (repeats are counted, not written).
    await eventually(async () => {
      const audit = await call(b, { path: '/api/admin/audit?action=auth.failure', token: admin });
      const rows = (audit.body.items as { target: string; reason: string }[]).filter(
        (e) => e.target === 'GET /api/profiles',
      );
      expect(new Set(rows.map((e) => e.reason))).toEqual(
        new Set(['UNAUTHENTICATED', 'TOKEN_INVALID', 'TOKEN_EXPIRED']),
      );
      expect(rows).toHaveLength(3);
    });
  });

  it('echoes a well-formed x-request-id and replaces a malformed one', async () => {
    const r = await call(b, { path: '/health/live', headers: { 'x-request-id': 'trace-123' } });
    expect(r.headers.get('x-request-id')).toBe('trace-123');
    const bad = await call(b, {
      path: '/health/live',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(bad.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });
});

describe('bad input', () => {
  const trade = (quantity: unknown, extra: Record<string, unknown> = {}) =>
    call(b, {
      path: '/api/trade',
      token: alice,
      body: { profileId: ALICE_PROFILE, symbol: 'BTC-USD', side: 'BUY', quantity, ...extra },
      headers: { 'idempotency-key': randomUUID() },
    });

  it('refuses bad quantities, unknown symbols and extra properties without calling the exchange', async () => {
    const before = b.parts.exchange.account('acme').orders.size;
    for (const q of ['0', '-1', 'NaN', '1e308', 1, '0.0000000000000000001', 'abc']) {
      const r = await trade(q);
      expect(r.status, String(q)).toBe(400);
      const env = expectEnvelope(r.body, 'VALIDATION_FAILED');
      expect(env.error.details?.issues?.[0]?.path).toContain('quantity');
    }
    expect((await trade('1', { symbol: 'DOGE-USD' })).status).toBe(400);
    expect((await trade('1', { admin: true })).status).toBe(400);
    expect(b.parts.exchange.account('acme').orders.size).toBe(before);
  });

  it('a 10 MB body answers 413 and malformed JSON 400, both with the envelope', async () => {
    const big = await call(b, {
      path: '/api/profiles',
      token: alice,
      body: JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expectEnvelope(big.body, 'PAYLOAD_TOO_LARGE');
    const bad = await call(b, { path: '/api/profiles', token: alice, body: '{"name":' });
    expect(bad.status).toBe(400);
    expectEnvelope(bad.body, 'BAD_REQUEST');
  });

  it('manual orders need an Idempotency-Key', async () => {
    const r = await call(b, {
      path: '/api/trade',
      token: alice,
      body: { profileId: ALICE_PROFILE, symbol: 'BTC-USD', side: 'BUY', quantity: '0.01' },
    });
    expect(r.status).toBe(400);
    expectEnvelope(r.body, 'IDEMPOTENCY_KEY_REQUIRED');
  });
});

describe('idempotent manual orders', () => {
  it('the same key posted twice concurrently places one order and replays the first answer', async () => {
    const key = randomUUID();
    const before = b.parts.exchange.account('acme').orders.size;
    const body = { profileId: ALICE_PROFILE, symbol: 'BTC-USD', side: 'BUY', quantity: '0.01' };
    const [r1, r2] = await Promise.all([
      call(b, { path: '/api/trade', token: alice, body, headers: { 'idempotency-key': key } }),
      call(b, { path: '/api/trade', token: alice, body, headers: { 'idempotency-key': key } }),
    ]);
    expect(r1.status, JSON.stringify(r1.body)).toBe(200);
    expect(r2.status).toBe(200);
    expect(r1.body.order.id).toBe(r2.body.order.id);
    // The order the venue holds is the one both answers name, and it carries the winning request id.
    expect(b.parts.exchange.account('acme').orders.has(r1.body.order.clientOrderId)).toBe(true);
    expect([r1.headers.get('x-request-id'), r2.headers.get('x-request-id')]).toContain(
      r1.body.order.requestId,
    );
    expect(b.parts.exchange.account('acme').orders.size).toBe(before + 1);
    const r3 = await call(b, {
      path: '/api/trade',
      token: alice,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(r3.body.order.id).toBe(r1.body.order.id);
    expect(r3.headers.get('idempotent-replayed')).toBe('true');
    const reused = await call(b, {
      path: '/api/trade',
      token: alice,
      body: { ...body, quantity: '0.02' },
      headers: { 'idempotency-key': key },
    });
    expect(reused.status).toBe(409);
    expectEnvelope(reused.body, 'IDEMPOTENCY_CONFLICT');
  });
});

describe('maintenance and controls', () => {
  it('maintenance refuses user writes that are not exits with 503 MAINTENANCE; reads work', async () => {
    b.status.set(
      productStatus({
        maintenance: { active: true, message: 'Upgrading the database', expectedEndAt: null },
        version: 2,
      }),
    );
    // Enabling is not an exit: refused. (Disabling, closing, reducing and cancelling stay open:
    // see controls-paths.test.ts.)
    const r = await call(b, {
      path: `/api/profiles/${ALICE_PROFILE}/enable`,
      token: alice,
      method: 'POST',
    });
    expect(r.status).toBe(503);
    expect(expectEnvelope(r.body, 'MAINTENANCE').error.message).toBe('Upgrading the database');
    expect((await call(b, { path: '/api/profiles', token: alice })).status).toBe(200);
    b.status.set(productStatus({ version: 3 }));
    expect(
      (
        await call(b, {
          path: `/api/profiles/${ALICE_PROFILE}/disable`,
          token: alice,
          method: 'POST',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(b, {
          path: `/api/profiles/${ALICE_PROFILE}/enable`,
          token: alice,
          method: 'POST',
        })
      ).status,
    ).toBe(200);
  });

  it('a global pause is audited, versioned, needs a reason, and blocks new entries', async () => {
    const noReason = await call(b, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: admin,
      body: { scope: 'global', mode: 'PAUSED' },
    });
    expect(noReason.status).toBe(400);
    const paused = await call(b, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: admin,
      body: { scope: 'global', mode: 'PAUSED', reason: 'volatility review' },
      headers: { 'x-request-id': 'pause-req-1' },
    });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({
      scope: 'global',
      mode: 'PAUSED',
      reason: 'volatility review',
      requestId: 'pause-req-1',
    });
    const state = await call(b, { path: '/api/bot-state', token: alice });
    expect(state.body.verdict).toMatchObject({ canEnter: false, canReduce: true });
    expect(state.body.verdict.reasons).toContain('GLOBAL_PAUSED');
    const denied = await call(b, {
      path: '/api/trade',
      token: alice,
      body: { profileId: ALICE_PROFILE, symbol: 'BTC-USD', side: 'BUY', quantity: '0.01' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(denied.status).toBe(422);
    expectEnvelope(denied.body, 'ORDER_DENIED');
    const audit = await call(b, { path: '/api/admin/audit?action=control.pause', token: admin });
    expect(audit.body.items[0]).toMatchObject({
      requestId: 'pause-req-1',
      reason: 'volatility review',
      after: { mode: 'PAUSED' },
    });
    const resumed = await call(b, {
      method: 'POST',
      path: '/internal/trading/resume',
      token: admin,
      body: { reason: 'review done' },
    });
    expect(resumed.body.mode).toBe('RUNNING');
  });

  it('dynamic config is validated per key and refuses a stale version with 409', async () => {
    const bad = await call(b, {
      method: 'PUT',
      path: '/api/admin/config',
      token: admin,
      body: { key: 'flags.backtest', value: 'yes', expectedVersion: 0, reason: 'turn it on' },
    });
    expect(bad.status).toBe(400);
    const ok = await call(b, {
      method: 'PUT',
      path: '/api/admin/config',
      token: admin,
      body: {
        key: 'flags.tabs.marketplace',
        value: false,
        expectedVersion: 0,
        reason: 'hide the tab',
      },
    });
    expect(ok.status).toBe(200);
    expect(
      (await call(b, { path: '/api/feature-flags', token: alice })).body.flags['tabs.marketplace'],
    ).toBe(false);
    expect((await call(b, { path: '/api/marketplace/presets', token: alice })).status).toBe(404);
    const stale = await call(b, {
      method: 'PUT',
      path: '/api/admin/config',
      token: admin,
      body: {
        key: 'flags.tabs.marketplace',
        value: true,
        expectedVersion: 0,
        reason: 'show the tab',
      },
    });
    expect(stale.status).toBe(409);
    expectEnvelope(stale.body, 'VERSION_CONFLICT');
  });
});

describe('alerts', () => {
  it("a user acknowledges their own alerts; another tenant's or a colleague's answer 404", async () => {
    const mine = await b.parts.store.createAlert(
      { tenantId: 'acme' },
      { profileId: ALICE_PROFILE, severity: 'warning', code: 'TEST', message: 'for alice' },
    );
    const bobs = await b.parts.store.createAlert(
      { tenantId: 'globex' },
      { profileId: BOB_PROFILE, severity: 'warning', code: 'TEST', message: 'for bob' },
    );
    expect(
      (await call(b, { method: 'POST', path: `/api/alerts/${bobs.id}/ack`, token: alice })).status,
    ).toBe(404);
    expect(
      (await call(b, { method: 'POST', path: `/api/alerts/${mine.id}/ack`, token: carol })).status,
    ).toBe(404);
    const ok = await call(b, { method: 'POST', path: `/api/alerts/${mine.id}/ack`, token: alice });
    expect(ok.status).toBe(200);
    expect(ok.body.acknowledged).toBe(true);
    const list = await call(b, { path: '/api/alerts', token: bob });
    expect(list.body.items.find((a: { id: string }) => a.id === bobs.id)?.acknowledged).toBe(false);
  });
});

describe('backtests', () => {
  const body = {
    strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20 } },
    symbol: 'ETH-USD',
    candles: 20_000,
  };

  it('customers need backtest.customer; operators run one and poll it to completion', async () => {
    const refused = await call(b, { path: '/api/backtests', token: alice, body });
    expect(refused.status).toBe(404);
    expectEnvelope(refused.body, 'FEATURE_DISABLED');
    const started = await call(b, { path: '/api/backtests', token: admin, body });
    expect(started.status).toBe(200);
    expect(['queued', 'running']).toContain(started.body.status);
    const done = await eventually(
      async () => {
        const r = await call(b, { path: `/api/backtests/${started.body.id}`, token: admin });
        expect(r.body.status).toBe('done');
        return r.body;
      },
      60_000,
      200,
    );
    expect(done.summary.candles).toBe(20_000);
    expect(done.equityCurve.length).toBeGreaterThan(0);
    // Another caller cannot see it, even in the same tenant.
    expect(
      (
        await call(b, {
          path: `/api/backtests/${started.body.id}`,
          token: await mintToken({ sub: 'u-admin2', tenant: 'acme', role: 'operator' }),
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(b, { path: '/api/backtests', token: admin, body: { ...body, candles: 5 } }))
        .status,
    ).toBe(400);
  });
});
