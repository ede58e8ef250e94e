import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VenueAccount } from '@bytelyst/trading-contracts';
import { composeBackend, type ComposedBackend } from '../compose/backend.js';
import {
  acceleratedClock,
  call,
  ControlledProductStatus,
  mintToken,
  testBackendEnv,
  testOverrides,
} from '../../test-support/backend-harness.js';
import { FakeAccountProbe } from '../../test-support/fake-account-probe.js';

// Distinct enough that a substring match can only mean a leak.
const KEY = 'AKtestKEY7f3c9a1e5b2d4680';
const SECRET = 'SKtestSECRETq8w7e6r5t4y3u2i1o0';
const PASSPHRASE = 'PPtestPHRASEzz91';

let b: ComposedBackend;
const logs: string[] = [];
const probe = new FakeAccountProbe();
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const env = await testBackendEnv({ env: { LOG_LEVEL: 'trace' } });
  const clock = acceleratedClock(1);
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  b = await composeBackend(env, {
    ...testOverrides({}, clock, new ControlledProductStatus(clock)),
    logger: pino({ level: 'trace' }, sink),
    venueProbe: probe,
  });
  await b.app.ready();
  tokens.alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
  tokens.bob = await mintToken({ sub: 'u-bob', tenant: 'acme' });
  tokens.acmeAdmin = await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' });
  tokens.globexAdmin = await mintToken({
    sub: 'u-globex-admin',
    tenant: 'globex',
    role: 'tenant_admin',
  });
}, 60_000);

afterAll(async () => {
  await b.halt();
  await b.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  venueId: 'binance',
  label: 'Main',
  apiKey: KEY,
  secret: SECRET,
  passphrase: PASSPHRASE,
  mode: 'sandbox',
  ...over,
});
const as = (who: string, c: { method?: string; path: string; body?: unknown }) =>
  call({ app: b.app }, { ...c, token: tokens[who] });

/** Every place a secret could escape to, as text. */
async function everyOutput(responses: unknown[]): Promise<string> {
  const audit = await b.store.admin.listAudit({ limit: 500 });
  const metrics = await b.app.inject({ url: '/metrics' });
  return [JSON.stringify(responses), logs.join(''), JSON.stringify(audit), metrics.body].join('\n');
}

describe('venue accounts', () => {
  const responses: unknown[] = [];
  let aliceAccount = '';

  it('gives each user a paper account by default', async () => {
    const r = await as('alice', { path: '/api/venue-accounts' });
    responses.push(r.body);
    expect(r.status).toBe(200);
    const paper = r.body.items.filter((a: VenueAccount) => a.venueId === 'paper');
    expect(paper).toHaveLength(1);
    expect(paper[0]).toMatchObject({ ownerUserId: 'u-alice', mode: 'paper', keyHint: null });
    // Listing twice does not make a second one.
    const again = await as('alice', { path: '/api/venue-accounts' });
    expect(again.body.items.filter((a: VenueAccount) => a.venueId === 'paper')).toHaveLength(1);
  });

  it('connects after checking the keys, and answers with a masked hint only', async () => {
    const r = await as('alice', { path: '/api/venue-accounts', body: body() });
    responses.push(r.body);
    expect(r.status).toBe(200);
    const account = VenueAccount.parse(r.body);
    aliceAccount = account.id;
    expect(account).toMatchObject({
      ownerUserId: 'u-alice',
      venueId: 'binance',
      status: 'connected',
      keyHint: '\u2022\u2022\u2022\u20224680',
      canWithdraw: false,
      balances: [{ asset: 'USDT', free: '1000', total: '1250.5' }],
    });
    expect(probe.seen.at(-1)).toEqual({ apiKey: KEY, secret: SECRET, passphrase: PASSPHRASE });
  });

  it('refreshes with the stored keys (decrypted for the venue call only)', async () => {
    const before = probe.seen.length;
    const r = await as('alice', {
      method: 'POST',
      path: `/api/venue-accounts/${aliceAccount}/refresh`,
    });
    responses.push(r.body);
    expect(r.status).toBe(200);
    expect(probe.seen.length).toBe(before + 1);
    expect(probe.seen.at(-1)?.secret).toBe(SECRET);
  });

  it("records a venue's refusal on refresh with its code, the key cut out", async () => {
    probe.next = 'refuse';
    const r = await as('alice', {
      method: 'POST',
      path: `/api/venue-accounts/${aliceAccount}/refresh`,
    });
    responses.push(r.body);
    expect(r.body).toMatchObject({ status: 'error', lastError: { venueCode: '-2015' } });
    expect(r.body.lastError.message).toContain('[redacted]');
  });

  it('refuses keys the venue rejects, with its code, and keys that can withdraw', async () => {
    probe.next = 'refuse';
    const refused = await as('alice', { path: '/api/venue-accounts', body: body() });
    responses.push(refused.body);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.reasons).toEqual(['venue:-2015']);
    expect(refused.body.error.message).toContain('Invalid API-key');

    probe.next = 'withdraw';
    const withdraw = await as('alice', { path: '/api/venue-accounts', body: body() });
    responses.push(withdraw.body);
    expect(withdraw.status).toBe(422);
    expect(withdraw.body.error.details.reasons).toEqual(['withdraw_permission']);

    probe.next = 'down';
    const down = await as('alice', { path: '/api/venue-accounts', body: body() });
    responses.push(down.body);
    expect(down.status).toBe(502);
  });

  it('validates the body and the venue id against the known venues', async () => {
    const unknown = await as('alice', {
      path: '/api/venue-accounts',
      body: body({ venueId: 'nosuchvenue' }),
    });
    responses.push(unknown.body);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].path).toBe('venueId');
    const shortKey = await as('alice', {
      path: '/api/venue-accounts',
      body: body({ apiKey: 'x' }),
    });
    responses.push(shortKey.body);
    expect(shortKey.status).toBe(400);
  });

  it("a tenant's shared account is for admins to connect", async () => {
    const user = await as('bob', { path: '/api/venue-accounts', body: body({ shared: true }) });
    expect(user.status).toBe(403);
    const admin = await as('acmeAdmin', {
      path: '/api/venue-accounts',
      body: body({ shared: true, label: 'Desk' }),
    });
    responses.push(admin.body);
    expect(admin.status).toBe(200);
    expect(admin.body.ownerUserId).toBeNull();
    // Bob sees the shared one and his own paper, not Alice's.
    const bobs = await as('bob', { path: '/api/venue-accounts' });
    const labels = bobs.body.items.map((a: VenueAccount) => `${a.venueId}:${a.label}`).sort();
    expect(labels).toEqual(['binance:Desk', 'paper:Paper']);
  });

  it("isolates tenants and users: another's account answers like a missing one", async () => {
    const globex = await as('globexAdmin', { path: '/api/venue-accounts' });
    responses.push(globex.body);
    expect(globex.body.items.some((a: VenueAccount) => a.tenantId !== 'globex')).toBe(false);
    for (const who of ['globexAdmin', 'bob']) {
      const refresh = await as(who, {
        method: 'POST',
        path: `/api/venue-accounts/${aliceAccount}/refresh`,
      });
      expect(refresh.status).toBe(404);
      const del = await as(who, { method: 'DELETE', path: `/api/venue-accounts/${aliceAccount}` });
      expect(del.status).toBe(404);
    }
    // Acme's admin manages every account of acme.
    const acme = await as('acmeAdmin', { path: '/api/venue-accounts' });
    expect(acme.body.items.some((a: VenueAccount) => a.id === aliceAccount)).toBe(true);
  });

  it('refuses to disconnect while a profile on the account holds a position or trades on it', async () => {
    await b.store.sql.query(
      `UPDATE trading_profiles SET venue_account_id = $1 WHERE tenant_id = 'acme' AND id = 'p-alice-btc-trend'`,
      [aliceAccount],
    );
    await b.store.sql.query(
      `INSERT INTO positions (tenant_id, profile_id, symbol, quantity, average_entry_price,
         realized_pnl, unrealized_pnl, fees, updated_at)
       VALUES ('acme', 'p-alice-btc-trend', 'BTC-USD', 0.5, 60000, 0, 0, 0, now())
       ON CONFLICT (tenant_id, profile_id, symbol) DO UPDATE SET quantity = 0.5`,
    );
    const refused = await as('alice', {
      method: 'DELETE',
      path: `/api/venue-accounts/${aliceAccount}`,
    });
    responses.push(refused.body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.reasons).toEqual(['p-alice-btc-trend BTC-USD 0.5']);

    await b.store.sql.query(
      `UPDATE positions SET quantity = 0 WHERE tenant_id = 'acme' AND profile_id = 'p-alice-btc-trend'`,
    );
    // Flat, but still trading on the account: it must move to another account first.
    const inUse = await as('alice', {
      method: 'DELETE',
      path: `/api/venue-accounts/${aliceAccount}`,
    });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.details.reasons).toEqual([
      'profile p-alice-btc-trend BTC trend (EMA 5/20)',
    ]);
    await b.store.sql.query(
      `UPDATE trading_profiles SET venue_account_id = NULL WHERE tenant_id = 'acme' AND id = 'p-alice-btc-trend'`,
    );
    const done = await as('alice', {
      method: 'DELETE',
      path: `/api/venue-accounts/${aliceAccount}`,
    });
    responses.push(done.body);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('disconnected');
    const { rows } = await b.store.sql.query(
      `SELECT sealed FROM venue_accounts WHERE tenant_id = 'acme' AND id = $1`,
      [aliceAccount],
    );
    expect(rows[0]?.sealed).toBeNull();
  });

  it('audits connects, refusals and disconnects without any credential', async () => {
    const audit = await b.store.listAudit({ tenantId: 'acme' }, { limit: 200 });
    const actions = audit.items.map((e) => e.action);
    expect(actions).toContain('venue_account.connect');
    expect(actions).toContain('venue_account.connect_refused');
    expect(actions).toContain('venue_account.disconnect');
  });

  it('no secret in any output: responses, logs, audit rows, errors, metrics', async () => {
    expect(logs.length).toBeGreaterThan(0);
    const all = await everyOutput(responses);
    // The key's hint is allowed; the key itself, the secret and the passphrase are not.
    for (const s of [KEY, SECRET, PASSPHRASE, KEY.slice(0, 12), SECRET.slice(4, 20)])
      expect(all).not.toContain(s);
  });

  it('the database dump holds no raw key, secret or passphrase', async () => {
    // Connect one more that stays connected, so the dump holds live sealed credentials.
    const r = await as('bob', { path: '/api/venue-accounts', body: body({ label: 'Bob' }) });
    expect(r.status).toBe(200);
    const { rows: tables } = await b.store.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toContain('venue_accounts');
    let dump = '';
    for (const t of tables) {
      const { rows } = await b.store.sql.query<{ r: string }>(
        `SELECT row_to_json(x)::text AS r FROM "${t.table_name}" x`,
      );
      dump += rows.map((x) => x.r).join('\n');
    }
    expect(dump).toContain('"wrappedKey"');
    for (const s of [KEY, SECRET, PASSPHRASE]) {
      expect(dump).not.toContain(s);
      expect(dump).not.toContain(Buffer.from(s).toString('base64'));
    }
  });
});
