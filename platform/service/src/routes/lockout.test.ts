import { ErrorEnvelopeSchema, type PlatformAuditEvent } from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT_POLICY } from '../domain/lockout.js';
import { DEMO_PASSWORD } from '../services/seed.js';
import { testDatabases } from '../storage/test-db.js';
import { bearer, startHarness, type Harness } from '../test-support/harness.js';

const ALICE = 'alice@acme.demo.test';

/** The policy in docs/PLATFORM.md, driven through HTTP with attempts from named addresses. */
describe.each(testDatabases())('sign-in lockout on $name', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => h?.close());

  const login = (email: string, password: string, from: string) =>
    h.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email, password },
      remoteAddress: from,
    });
  const code = (res: { body: string }) =>
    ErrorEnvelopeSchema.parse(JSON.parse(res.body)).error.code;
  const audit = async (action: string) => {
    const admin = await h.login('admin@demo.bytelyst.test');
    const res = await h.app.inject({
      url: `/admin/audit?action=${action}&limit=500`,
      headers: bearer(admin.accessToken),
    });
    return h.json<{ items: PlatformAuditEvent[] }>(res).items;
  };

  it('checks exactly five of 25 parallel wrong passwords from one source and delays the rest', async () => {
    // The owner signed in from home before; the attacker's address is new to the account.
    expect((await login(ALICE, DEMO_PASSWORD, '10.1.1.1')).statusCode).toBe(200);
    const burst = await Promise.all(
      Array.from({ length: 25 }, () => login(ALICE, 'wrong-password', '10.6.6.6')),
    );
    const codes = burst.map(code);
    const free = DEFAULT_LOCKOUT_POLICY.perSource.freeFailures;
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(free);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(25 - free);
    const refused = burst.find((r) => r.statusCode === 423);
    expect(Number(refused?.headers['retry-after'])).toBe(30);
    // Even the right password waits at that source...
    expect(code(await login(ALICE, DEMO_PASSWORD, '10.6.6.6'))).toBe('ACCOUNT_LOCKED');
    // ...while the owner is not locked out anywhere else.
    expect((await login(ALICE, DEMO_PASSWORD, '10.1.1.1')).statusCode).toBe(200);
    expect((await login(ALICE, DEMO_PASSWORD, '10.2.2.2')).statusCode).toBe(200);
    // A second burst after the delay gets exactly one more check, then twice the wait.
    h.clock.advance(30_000);
    const second = await Promise.all(
      Array.from({ length: 25 }, () => login(ALICE, 'wrong-password', '10.6.6.6')),
    );
    expect(second.map(code).filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(1);
    expect(Number(second.find((r) => r.statusCode === 423)?.headers['retry-after'])).toBe(60);
    const rows = (await audit('auth.failure'))
      .concat(await audit('auth.lockout'))
      .filter((e) => e.target === 'user:u-alice');
    expect(rows).toHaveLength(free + 1);
  });

  it('slows a guesser spread over many sources, but not the owner at a known source', async () => {
    const email = 'bob@globex.demo.test';
    expect((await login(email, DEMO_PASSWORD, '10.9.9.9')).statusCode).toBe(200);
    h.clock.advance(20 * 60_000);
    const wide = DEFAULT_LOCKOUT_POLICY.perAccount.freeFailures;
    for (let i = 0; i < wide; i++) {
      expect(code(await login(email, 'wrong-password', `10.7.0.${i}`))).toBe('INVALID_CREDENTIALS');
    }
    const fresh = await login(email, DEMO_PASSWORD, '10.7.1.1');
    expect(code(fresh)).toBe('ACCOUNT_LOCKED');
    expect((await login(email, DEMO_PASSWORD, '10.9.9.9')).statusCode).toBe(200);
    h.clock.advance(DEFAULT_LOCKOUT_POLICY.perAccount.firstDelayMs);
    expect((await login(email, DEMO_PASSWORD, '10.7.1.1')).statusCode).toBe(200);
  });

  it('audits failed sign-ins for unknown e-mails once per source and window, repeats counted', async () => {
    for (let i = 0; i < 40; i++)
      await login(`ghost${i}@nowhere.test`, 'wrong-password', '10.8.8.8');
    h.clock.advance(61_000);
    await h.platform.security.flush(false);
    const first = (await audit('auth.failure')).filter(
      (e) => (e.after as { source?: string } | null)?.source === '10.8.8.8',
    );
    expect(first).toHaveLength(1);
    const summary = (await audit('auth.failure_aggregate')).filter(
      (e) => (e.after as { source?: string } | null)?.source === '10.8.8.8',
    );
    expect(summary).toHaveLength(1);
    expect(summary[0]?.after).toMatchObject({ repeats: 39, action: 'auth.failure' });
  });
});
