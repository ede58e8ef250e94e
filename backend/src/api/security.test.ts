import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelopeSchema, type AuditEvent } from '@bytelyst/trading-contracts';
import {
  AUDIENCE,
  call,
  eventually,
  ISSUER,
  mintToken,
  startTestBackend,
  testKeys,
  connectSocket,
  type TestBackend,
} from '../../test-support/backend-harness.js';

/** The assessment's findings on the backend, each reproduced and shown closed. */
let b: TestBackend;
let alice: string;
let carol: string;
let admin: string;
let carolProfile: string;

const ALICE_PROFILE = 'p-alice-btc-trend';
const METRICS_TOKEN = 'metrics-token-for-the-security-test';
const code = (body: unknown) => ErrorEnvelopeSchema.parse(body).error.code;

const audit = async (action: string): Promise<AuditEvent[]> => {
  const r = await call(b, { path: `/api/admin/audit?action=${action}&limit=500`, token: admin });
  expect(r.status).toBe(200);
  return r.body.items as AuditEvent[];
};

beforeAll(async () => {
  b = await startTestBackend({ speed: 10, env: { METRICS_TOKEN: METRICS_TOKEN } });
  alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
  carol = await mintToken({ sub: 'u-carol', tenant: 'acme' });
  admin = await mintToken({ sub: 'u-admin', tenant: 'acme', role: 'operator' });
  await eventually(async () => {
    const r = await call(b, { path: '/api/bot-state', token: alice });
    expect(r.body.status).toBe('running');
  });
  const created = await call(b, {
    path: '/api/profiles',
    token: carol,
    body: {
      name: 'Carol BTC',
      symbols: ['BTC-USD'],
      timeframe: '1m',
      strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20, kind: 'ema' } },
      capitalAllocation: '5000',
      enabled: true,
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  carolProfile = created.body.id as string;
  await eventually(async () => {
    const r = await call(b, { path: `/api/profiles/${carolProfile}`, token: carol });
    expect(r.body.enabled).toBe(true);
  });
});

afterAll(async () => {
  await b?.stop();
});

describe('idempotency is per user', () => {
  it("a colleague's key and request id place the colleague's own order, never return another's", async () => {
    const key = randomUUID();
    const rid = `rid-${randomUUID()}`;
    const order = (token: string, profileId: string, quantity = '0.01') =>
      call(b, {
        path: '/api/trade',
        token,
        body: { profileId, symbol: 'BTC-USD', side: 'BUY', quantity },
        headers: { 'idempotency-key': key, 'x-request-id': rid },
      });
    const first = await order(alice, ALICE_PROFILE);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const other = await order(carol, carolProfile);
    expect(other.status, JSON.stringify(other.body)).toBe(200);
    expect(other.body.order.id).not.toBe(first.body.order.id);
    expect(other.body.order.profileId).toBe(carolProfile);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    // The same user, same key, another body: refused, as payment APIs do.
    const changed = await order(alice, ALICE_PROFILE, '0.02');
    expect(changed.status).toBe(409);
    expect(code(changed.body)).toBe('IDEMPOTENCY_CONFLICT');
    const rows = (await audit('trade.manual')).filter((e) => e.requestId === rid);
    expect(rows.map((e) => [e.actor.id, (e.after as { orderId: string }).orderId]).sort()).toEqual(
      [
        ['u-alice', first.body.order.id],
        ['u-carol', other.body.order.id],
      ].sort(),
    );
  });
});

describe('preview as a customer', () => {
  const preview = (userId: string) => ({ 'x-preview-as': userId });

  it('reads exactly what the customer sees', async () => {
    const r = await call(b, { path: '/api/profiles', token: admin, headers: preview('u-alice') });
    expect(r.status).toBe(200);
    expect(new Set(r.body.items.map((p: { userId: string }) => p.userId))).toEqual(
      new Set(['u-alice']),
    );
  });

  it('refuses every write with PREVIEW_READ_ONLY and audits the real actor', async () => {
    const before = await call(b, { path: `/api/profiles/${ALICE_PROFILE}`, token: alice });
    const rid = `rid-${randomUUID()}`;
    const r = await call(b, {
      method: 'POST',
      path: `/api/profiles/${ALICE_PROFILE}/disable`,
      token: admin,
      headers: { ...preview('u-alice'), 'x-request-id': rid },
    });
    expect(r.status).toBe(403);
    expect(code(r.body)).toBe('PREVIEW_READ_ONLY');
    const after = await call(b, { path: `/api/profiles/${ALICE_PROFILE}`, token: alice });
    expect(after.body.version).toBe(before.body.version);
    await eventually(async () => {
      const row = (await audit('auth.denied')).find((e) => e.requestId === rid);
      expect(row?.actor).toMatchObject({ id: 'u-admin', tenantId: 'acme' });
      expect(row?.after).toEqual({ previewAs: 'u-alice' });
      expect(row?.reason).toBe('PREVIEW_READ_ONLY');
    });
  });

  it('previews only existing users of the same tenant', async () => {
    for (const who of ['u-bob', 'u-nobody']) {
      const r = await call(b, { path: '/api/profiles', token: admin, headers: preview(who) });
      expect(r.status, who).toBe(404);
    }
    const byUser = await call(b, {
      path: '/api/profiles',
      token: alice,
      headers: preview('u-carol'),
    });
    expect(byUser.status).toBe(403);
  });
});

describe('tokens', () => {
  const sign = async (
    claims: Record<string, string | undefined>,
    times: { iat: number; exp: number },
  ) => {
    const { keys } = await testKeys();
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'test' })
      .setSubject(claims.sub ?? 'u-alice')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(times.iat)
      .setExpirationTime(times.exp)
      .sign(keys.privateKey);
  };
  const now = () => Math.floor(Date.now() / 1000);
  const user = { tenant: 'acme', role: 'user', sid: 's-x', typ: 'access' };

  it('refuses a ten-year lifetime, a future iat and a token without typ', async () => {
    const cases = {
      decade: await sign(user, { iat: now(), exp: now() + 10 * 365 * 86_400 }),
      future: await sign(user, { iat: now() + 3600, exp: now() + 3700 }),
      untyped: await sign({ ...user, typ: undefined }, { iat: now(), exp: now() + 600 }),
    };
    for (const [name, token] of Object.entries(cases)) {
      const r = await call(b, { path: '/api/profiles', token });
      expect(r.status, name).toBe(401);
    }
  });

  it('accepts a service token on /internal routes, and only there', async () => {
    const svc = await sign(
      { sub: 'svc:ops', tenant: 'system', role: 'operator', typ: 'service' },
      { iat: now(), exp: now() + 600 },
    );
    const body = { scope: 'tenant', targetId: 'globex', reason: 'service pause check' };
    const paused = await call(b, { path: '/internal/trading/pause', token: svc, body });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body).toMatchObject({
      mode: 'PAUSED',
      actor: { type: 'service', id: 'svc:ops' },
    });
    const resumed = await call(b, { path: '/internal/trading/resume', token: svc, body });
    expect(resumed.body.mode).toBe('RUNNING');
    expect((await call(b, { path: '/api/profiles', token: svc })).status).toBe(403);
  });
});

describe('audit of refusals', () => {
  it("a signed-in caller's 403 is one row naming them", async () => {
    const rid = `rid-${randomUUID()}`;
    const r = await call(b, {
      path: '/api/admin/audit',
      token: alice,
      headers: { 'x-request-id': rid },
    });
    expect(r.status).toBe(403);
    await eventually(async () => {
      const row = (await audit('auth.denied')).find((e) => e.requestId === rid);
      expect(row).toMatchObject({ actor: { id: 'u-alice' }, reason: 'FORBIDDEN' });
    });
  });

  it('a flood of anonymous 401s from one source writes one row for the window', async () => {
    await Promise.all(
      Array.from({ length: 100 }, () =>
        call(b, { path: '/api/ledger', token: 'not-a-real-token' }),
      ),
    );
    await eventually(async () => {
      const rows = (await audit('auth.failure')).filter((e) => e.target === 'GET /api/ledger');
      expect(rows).toHaveLength(1);
    });
  });
});

describe('control characters in free text', () => {
  const nul = 'bad\u0000name';

  it('answers 400 naming the field and stores nothing', async () => {
    const countBefore = (await call(b, { path: '/api/profiles', token: carol })).body.items.length;
    const create = await call(b, {
      path: '/api/profiles',
      token: carol,
      body: {
        name: nul,
        symbols: ['BTC-USD'],
        timeframe: '1m',
        strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20, kind: 'ema' } },
        capitalAllocation: '100',
      },
    });
    expect(create.status).toBe(400);
    expect(ErrorEnvelopeSchema.parse(create.body).error.details?.issues?.[0]?.path).toBe(
      'body.name',
    );
    expect((await call(b, { path: '/api/profiles', token: carol })).body.items).toHaveLength(
      countBefore,
    );
    const current = await call(b, { path: `/api/profiles/${carolProfile}`, token: carol });
    const patch = await call(b, {
      method: 'PATCH',
      path: `/api/profiles/${carolProfile}`,
      token: carol,
      body: { name: 'x\u001by', expectedVersion: current.body.version },
    });
    expect(patch.status).toBe(400);
    const close = await call(b, {
      path: '/api/close',
      token: carol,
      body: { profileId: carolProfile, symbol: 'BTC-USD', reason: 'because\u0000' },
    });
    expect(close.status).toBe(400);
    expect(ErrorEnvelopeSchema.parse(close.body).error.details?.issues?.[0]?.path).toBe(
      'body.reason',
    );
    const control = await call(b, {
      method: 'PUT',
      path: '/api/admin/trading-control',
      token: admin,
      body: { scope: 'tenant', targetId: 'acme', mode: 'PAUSED', reason: 'nul\u0000reason' },
    });
    expect(control.status).toBe(400);
    const controls = await call(b, { path: '/api/admin/trading-control', token: admin });
    expect(
      (controls.body.controls as { targetId: string }[]).find((c) => c.targetId === 'acme'),
    ).toBeUndefined();
    const after = await call(b, { path: `/api/profiles/${carolProfile}`, token: carol });
    expect(after.body.version).toBe(current.body.version);
  });
});

describe('plan limits on every write path', () => {
  const setConfig = async (key: string, value: unknown) => {
    const entries = (await call(b, { path: '/api/admin/config', token: admin })).body.entries as {
      key: string;
      version: number;
    }[];
    const r = await call(b, {
      method: 'PUT',
      path: '/api/admin/config',
      token: admin,
      body: {
        key,
        value,
        expectedVersion: entries.find((e) => e.key === key)?.version ?? 0,
        reason: 'plan limit check',
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  it('refuses an edit past the free plan (capital and symbols), as it refuses a create', async () => {
    await setConfig('flags.tabs.membership', true);
    await setConfig('membership.defaultPlan', 'free');
    try {
      const current = await call(b, { path: `/api/profiles/${carolProfile}`, token: carol });
      for (const patch of [
        { capitalAllocation: '9000000' },
        { symbols: ['BTC-USD', 'ETH-USD', 'SOL-USD', 'AAPL-USD', 'MSFT-USD', 'NVDA-USD'] },
      ]) {
        const r = await call(b, {
          method: 'PATCH',
          path: `/api/profiles/${carolProfile}`,
          token: carol,
          body: { ...patch, expectedVersion: current.body.version },
        });
        expect(r.status, JSON.stringify(patch)).toBe(422);
        expect(ErrorEnvelopeSchema.parse(r.body).error.details?.reasons).toEqual(['PLAN_LIMIT']);
      }
      const fits = await call(b, {
        method: 'PATCH',
        path: `/api/profiles/${carolProfile}`,
        token: carol,
        body: { capitalAllocation: '9000', expectedVersion: current.body.version },
      });
      expect(fits.status, JSON.stringify(fits.body)).toBe(200);
    } finally {
      await setConfig('membership.defaultPlan', 'pro');
    }
  });
});

describe('exposure', () => {
  it('keeps /metrics behind its token', async () => {
    expect((await call(b, { path: '/metrics' })).status).toBe(404);
    expect((await call(b, { path: '/metrics', token: 'wrong-token-of-some-length' })).status).toBe(
      404,
    );
    const ok = await call(b, { path: '/metrics', token: METRICS_TOKEN });
    expect(ok.status).toBe(200);
    expect(String(ok.body)).toContain('http_request_duration_seconds');
  });

  it('marks signed-in answers and their refusals no-store', async () => {
    for (const token of [alice, null]) {
      const r = await call(b, { path: '/api/profiles', token });
      expect(r.headers.get('cache-control'), String(r.status)).toBe('no-store');
    }
  });

  it('answers a wrong method with 405 and Allow, an unknown path with 404', async () => {
    const r = await call(b, { method: 'PUT', path: '/api/profiles', token: alice, body: {} });
    expect(r.status).toBe(405);
    expect(code(r.body)).toBe('METHOD_NOT_ALLOWED');
    expect(r.headers.get('allow')).toBe('GET, POST');
    const byId = await call(b, {
      method: 'PUT',
      path: `/api/profiles/${ALICE_PROFILE}`,
      token: alice,
      body: {},
    });
    expect(byId.headers.get('allow')).toBe('DELETE, GET, PATCH');
    expect((await call(b, { path: '/api/nothing-here', token: alice })).status).toBe(404);
  });

  it('caps anonymous sockets per address', async () => {
    const open = Array.from({ length: 21 }, () => connectSocket(b, '/', null));
    const outcomes = await Promise.all(
      open.map(
        (s) =>
          new Promise<string>((resolve) => {
            s.once('connect', () => resolve('connected'));
            s.once('connect_error', (e: Error & { data?: { code?: string } }) =>
              resolve(e.data?.code ?? e.message),
            );
          }),
      ),
    );
    expect(outcomes.filter((o) => o === 'connected')).toHaveLength(20);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(1);
    for (const s of open) s.close();
  });
});

describe('socket events are scoped', () => {
  const open = async (token: string) => {
    const s = connectSocket(b, '/trading', token);
    await new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });
    return s;
  };

  it("a profile's pause reaches its owner, not colleagues; config changes reach operators only", async () => {
    const [mine, colleague] = await Promise.all([open(carol), open(alice)]);
    const seen = { mine: [] as unknown[], colleague: [] as unknown[] };
    mine.on('control', (c: unknown) => seen.mine.push(c));
    colleague.on('control', (c: unknown) => seen.colleague.push(c));
    const configSeen: unknown[] = [];
    mine.on('config', (c: unknown) => configSeen.push(c));
    colleague.on('config', (c: unknown) => configSeen.push(c));
    const set = (mode: string) =>
      call(b, {
        method: 'PUT',
        path: '/api/admin/trading-control',
        token: admin,
        body: { scope: 'profile', targetId: carolProfile, mode, reason: 'scoping check' },
      });
    expect((await set('PAUSED')).status).toBe(200);
    await eventually(() => expect(seen.mine).toHaveLength(1));
    const entries = (await call(b, { path: '/api/admin/config', token: admin })).body.entries as {
      key: string;
      version: number;
    }[];
    const banner = await call(b, {
      method: 'PUT',
      path: '/api/admin/config',
      token: admin,
      body: {
        key: 'ui.banner',
        value: 'scoped',
        expectedVersion: entries.find((e) => e.key === 'ui.banner')?.version ?? 0,
        reason: 'scoping check',
      },
    });
    expect(banner.status).toBe(200);
    expect((await set('RUNNING')).status).toBe(200);
    await eventually(() => expect(seen.mine).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.colleague).toEqual([]);
    expect(configSeen).toEqual([]);
    mine.close();
    colleague.close();
  });
});

describe('tenant admins', () => {
  it('act on their own tenant only: controls, audit, and never the global mode', async () => {
    const acmeAdmin = await mintToken({
      sub: 'u-acme-admin',
      tenant: 'acme',
      role: 'tenant_admin',
    });
    const set = (body: object) =>
      call(b, { method: 'PUT', path: '/api/admin/trading-control', token: acmeAdmin, body });
    const reason = 'tenant admin check';
    expect((await set({ scope: 'global', mode: 'PAUSED', reason })).status).toBe(403);
    expect(
      (await set({ scope: 'tenant', targetId: 'globex', mode: 'PAUSED', reason })).status,
    ).toBe(404);
    expect(
      (await set({ scope: 'profile', targetId: 'p-bob-breakout', mode: 'PAUSED', reason })).status,
    ).toBe(404);
    const own = await set({ scope: 'tenant', targetId: 'acme', mode: 'RUNNING', reason });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.actor).toMatchObject({ type: 'tenant_admin', id: 'u-acme-admin' });
    const audit = await call(b, {
      path: '/api/admin/audit?tenantId=globex&limit=500',
      token: acmeAdmin,
    });
    expect(audit.status).toBe(200);
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect(audit.body.items.every((e: AuditEvent) => e.tenantId === 'acme')).toBe(true);
    const controls = await call(b, { path: '/api/admin/trading-control', token: acmeAdmin });
    expect(
      (controls.body.controls as { tenantId: string | null }[]).every(
        (c) => c.tenantId === null || c.tenantId === 'acme',
      ),
    ).toBe(true);
  });
});
