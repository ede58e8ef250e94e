import {
  ErrorEnvelopeSchema,
  TokenPair,
  type PlatformAuditEvent,
} from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startHarness, type Harness } from '../test-support/harness.js';
import { testDatabases } from '../storage/test-db.js';

const ALICE = 'alice@acme.demo.test';

describe.each(testDatabases())('auth flows on $name', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { serviceClientSecret: 'a-service-secret-of-24-chars!' });
  });
  afterAll(async () => h?.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    h.app.inject({ method: 'POST', url, payload: payload as object, headers });
  const errorCode = (res: { body: string }) =>
    ErrorEnvelopeSchema.parse(JSON.parse(res.body)).error.code;
  const audit = async (action: string) => {
    const admin = await h.login('admin@demo.bytelyst.test');
    const res = await h.app.inject({
      url: `/admin/audit?action=${action}`,
      headers: bearer(admin.accessToken),
    });
    return h.json<{ items: PlatformAuditEvent[] }>(res).items;
  };

  it('signs in with the right password, as argon2id, and refuses a wrong one', async () => {
    const pair = TokenPair.parse(await h.login(ALICE));
    expect(pair.user).toMatchObject({ id: 'u-alice', tenantId: 'acme', role: 'user' });
    expect(pair.expiresIn).toBe(900);
    const stored = await h.platform.db.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE id = 'u-alice'",
    );
    expect(stored[0]?.password_hash.startsWith('$argon2id$')).toBe(true);

    const wrong = await post('/auth/login', { email: ALICE, password: 'not-the-password' });
    expect(wrong.statusCode).toBe(401);
    expect(errorCode(wrong)).toBe('INVALID_CREDENTIALS');
    const unknown = await post('/auth/login', { email: 'nobody@x.test', password: 'whatever-1' });
    expect(unknown.statusCode).toBe(401);
    expect(JSON.parse(unknown.body).error.message).toBe(JSON.parse(wrong.body).error.message);
  });

  it('locks an email after repeated failures, known or unknown alike, and says when to retry', async () => {
    for (const email of ['bob@globex.demo.test', 'ghost@nowhere.test']) {
      for (let i = 0; i < 5; i++) {
        const res = await post('/auth/login', { email, password: 'wrong-password' });
        expect(errorCode(res)).toBe('INVALID_CREDENTIALS');
      }
      const locked = await post('/auth/login', { email, password: 'demo-password-1' });
      expect(locked.statusCode).toBe(423);
      expect(errorCode(locked)).toBe('ACCOUNT_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    }
    h.clock.advance(16 * 60_000);
    expect((await h.login('bob@globex.demo.test')).user.id).toBe('u-bob');
    expect((await audit('auth.lockout')).some((e) => e.target === 'user:u-bob')).toBe(true);
  });

  it('rotates refresh tokens and revokes the family when a rotated token is replayed', async () => {
    const first = await h.login(ALICE);
    const second = h.json<TokenPair>(
      await post('/auth/refresh', { refreshToken: first.refreshToken }),
    );
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = h.json<TokenPair>(
      await post('/auth/refresh', { refreshToken: second.refreshToken }),
    );

    const replay = await post('/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.statusCode).toBe(401);
    expect(errorCode(replay)).toBe('REFRESH_REUSED');
    // The newest token of the family is dead too, and so is its access token on this service.
    const newest = await post('/auth/refresh', { refreshToken: third.refreshToken });
    expect(errorCode(newest)).toBe('TOKEN_INVALID');
    const sessions = await h.app.inject({
      url: '/auth/sessions',
      headers: bearer(third.accessToken),
    });
    expect(sessions.statusCode).toBe(401);

    const rows = await audit('auth.refresh_reuse');
    expect(rows.some((e) => e.actor.id === 'u-alice' && e.requestId !== null)).toBe(true);
  });

  it('logs out: the refresh token stops working and the session disappears', async () => {
    const pair = await h.login(ALICE);
    const other = await h.login(ALICE);
    const listed = await h.app.inject({
      url: '/auth/sessions',
      headers: bearer(other.accessToken),
    });
    const ids = h.json<{ sessions: { id: string; current: boolean }[] }>(listed).sessions;
    expect(ids.filter((s) => s.current)).toHaveLength(1);

    const out = await post('/auth/logout', { refreshToken: pair.refreshToken });
    expect(out.statusCode).toBe(204);
    expect(errorCode(await post('/auth/refresh', { refreshToken: pair.refreshToken }))).toBe(
      'TOKEN_INVALID',
    );
    expect((await post('/auth/logout', { refreshToken: pair.refreshToken })).statusCode).toBe(204);

    const after = await h.app.inject({ url: '/auth/sessions', headers: bearer(other.accessToken) });
    const remaining = h.json<{ sessions: { id: string }[] }>(after).sessions.map((s) => s.id);
    expect(remaining).toHaveLength(ids.length - 1);
  });

  it("revokes one of my sessions but not another user's", async () => {
    const mine = await h.login(ALICE);
    const bob = await h.login('bob@globex.demo.test');
    const bobSessions = h.json<{ sessions: { id: string }[] }>(
      await h.app.inject({ url: '/auth/sessions', headers: bearer(bob.accessToken) }),
    ).sessions;
    const foreign = await h.app.inject({
      method: 'DELETE',
      url: `/auth/sessions/${bobSessions[0]?.id}`,
      headers: bearer(mine.accessToken),
    });
    expect(foreign.statusCode).toBe(404);
    const own = h
      .json<{ sessions: { id: string; current: boolean }[] }>(
        await h.app.inject({ url: '/auth/sessions', headers: bearer(mine.accessToken) }),
      )
      .sessions.find((s) => s.current);
    const del = await h.app.inject({
      method: 'DELETE',
      url: `/auth/sessions/${own?.id}`,
      headers: bearer(mine.accessToken),
    });
    expect(del.statusCode).toBe(204);
    expect(errorCode(await post('/auth/refresh', { refreshToken: mine.refreshToken }))).toBe(
      'TOKEN_INVALID',
    );
  });

  it('password reset: same answer for unknown email, single use, 30-minute expiry, sessions revoked', async () => {
    const email = 'alice@acme.demo.test';
    const before = await h.login(email);
    const unknown = await post('/auth/password-reset/request', { email: 'nobody@x.test' });
    const known = await post('/auth/password-reset/request', { email });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    await h.platform.resets.idle();
    const mail = await h.app.inject({ url: `/dev/mailbox?email=${email}` });
    const text = h.json<{ messages: { text: string }[] }>(mail).messages.at(-1)?.text ?? '';
    const token = /token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
    expect(token.length).toBeGreaterThan(20);
    expect(
      h.json<{ messages: unknown[] }>(
        await h.app.inject({ url: '/dev/mailbox?email=nobody@x.test' }),
      ).messages,
    ).toEqual([]);

    const confirm = () =>
      post('/auth/password-reset/confirm', { token, newPassword: 'a-brand-new-password' });
    expect((await confirm()).statusCode).toBe(204);
    expect(errorCode(await confirm())).toBe('TOKEN_INVALID');
    expect(errorCode(await post('/auth/refresh', { refreshToken: before.refreshToken }))).toBe(
      'TOKEN_INVALID',
    );
    expect((await h.login(email, 'a-brand-new-password')).user.id).toBe('u-alice');
    expect((await audit('auth.password_reset')).length).toBeGreaterThan(0);

    await post('/auth/password-reset/request', { email });
    await h.platform.resets.idle();
    const second =
      h
        .json<{ messages: { text: string }[] }>(
          await h.app.inject({ url: `/dev/mailbox?email=${email}` }),
        )
        .messages.at(-1)?.text ?? '';
    const late = /token=([A-Za-z0-9_-]+)/.exec(second)?.[1] ?? '';
    h.clock.advance(31 * 60_000);
    const expired = await post('/auth/password-reset/confirm', {
      token: late,
      newPassword: 'another-password-2',
    });
    expect(errorCode(expired)).toBe('TOKEN_INVALID');
  });

  it('issues service tokens only for the configured secret', async () => {
    const bad = await post('/auth/service-token', { clientId: 'backend', clientSecret: 'nope' });
    expect(errorCode(bad)).toBe('INVALID_CREDENTIALS');
    const ok = await post('/auth/service-token', {
      clientId: 'backend',
      clientSecret: 'a-service-secret-of-24-chars!',
    });
    expect(ok.statusCode).toBe(200);
    const { accessToken } = h.json<{ accessToken: string }>(ok);
    const rules = await h.app.inject({
      url: '/products/bytelyst-trading/flags/rules',
      headers: bearer(accessToken),
    });
    expect(rules.statusCode).toBe(200);
    // A service token is not a user session.
    const sessions = await h.app.inject({ url: '/auth/sessions', headers: bearer(accessToken) });
    expect(sessions.statusCode).toBe(403);
  });

  it('validates bodies into the error envelope and echoes a safe request id', async () => {
    const res = await post('/auth/login', { email: 'not-an-email' }, { 'x-request-id': 'req-123' });
    expect(res.statusCode).toBe(400);
    const env = ErrorEnvelopeSchema.parse(JSON.parse(res.body));
    expect(env.error.code).toBe('VALIDATION_FAILED');
    expect(env.error.requestId).toBe('req-123');
    expect(res.headers['x-request-id']).toBe('req-123');
    const unsafe = await post('/auth/login', {}, { 'x-request-id': 'bad id with spaces' });
    expect(unsafe.headers['x-request-id']).not.toBe('bad id with spaces');
    expect(String(unsafe.headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
  });
});
