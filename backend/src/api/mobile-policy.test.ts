import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, mintToken, startTestApi, type TestApi } from '../../test-support/index.js';

let b: TestApi;
let alice: string;
let carol: string;
let acmeAdmin: string;
let globexAdmin: string;

const ALICE_PROFILE = 'p-alice-btc-trend';
const PHONE = { 'x-client-surface': 'mobile', 'x-client-device': 'inst-0001abcd Alice iPhone' };

beforeAll(async () => {
  b = await startTestApi();
  alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
  carol = await mintToken({ sub: 'u-carol', tenant: 'acme' });
  acmeAdmin = await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' });
  globexAdmin = await mintToken({ sub: 'u-globex-admin', tenant: 'globex', role: 'tenant_admin' });
});

afterAll(async () => {
  await b?.stop();
});

const fromPhone = (path: string, token: string, key: string | null = randomUUID()) =>
  call(b, {
    method: 'POST',
    path,
    token,
    headers: { ...PHONE, ...(key ? { 'idempotency-key': key } : {}) },
  });
const setPolicy = (token: string, allowed: string[]) =>
  call(b, {
    method: 'PUT',
    path: '/api/admin/mobile-policy',
    token,
    body: { allowed, reason: 'beta phones' },
  });

describe('approved mobile interventions', () => {
  it('starts on the default (acknowledge only) and refuses a pause from the app', async () => {
    const policy = await call(b, { path: '/api/mobile-policy', token: alice });
    expect(policy.body).toEqual({
      allowed: ['alert.acknowledge'],
      updatedAt: null,
      updatedBy: null,
    });
    const refused = await fromPhone(`/api/profiles/${ALICE_PROFILE}/disable`, alice);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('MOBILE_ACTION_NOT_ALLOWED');
    expect(refused.body.error.details.reasons).toEqual(['profile.pause']);
    // The refusal is audited like any 403, with its code.
    const denied = await b.parts.store.admin.listAudit({ tenantId: 'acme', action: 'auth.denied' });
    expect(denied.items.some((e) => e.reason === 'MOBILE_ACTION_NOT_ALLOWED')).toBe(true);
    // The profile was not touched; the web (no surface header) still may pause it.
    const profile = await call(b, { path: `/api/profiles/${ALICE_PROFILE}`, token: alice });
    expect(profile.body.enabled).toBe(true);
  });

  it('lets only a tenant admin set it, audited, and only for their own tenant', async () => {
    expect((await setPolicy(alice, ['profile.pause'])).status).toBe(403);
    expect((await setPolicy(acmeAdmin, ['profile.pause', 'profile.pause'])).status).toBe(400);
    expect((await setPolicy(acmeAdmin, ['position.nuke'])).status).toBe(400);
    const set = await setPolicy(acmeAdmin, ['profile.resume', 'profile.pause']);
    expect(set.status).toBe(200);
    // Stored in the contract's order, whatever order it was sent in.
    expect(set.body).toMatchObject({
      allowed: ['profile.pause', 'profile.resume'],
      updatedBy: 'u-acme-admin',
    });
    const audit = await b.parts.store.admin.listAudit({
      tenantId: 'acme',
      action: 'mobile_policy.set',
    });
    expect(audit.items[0]).toMatchObject({
      actor: { id: 'u-acme-admin' },
      before: { allowed: ['alert.acknowledge'] },
      after: { allowed: ['profile.pause', 'profile.resume'] },
      reason: 'beta phones',
    });
    // Another tenant's policy is its own.
    const globex = await call(b, { path: '/api/mobile-policy', token: globexAdmin });
    expect(globex.body.allowed).toEqual(['alert.acknowledge']);
  });

  it('pauses from the app once allowed: key required, own profile only, audited with the phone', async () => {
    const path = `/api/profiles/${ALICE_PROFILE}/disable`;
    const noKey = await fromPhone(path, alice, null);
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    // A colleague (same tenant) may not pause Alice's profile from their phone.
    const colleague = await fromPhone(path, carol);
    expect(colleague.status).toBe(403);
    // A tenant admin may on the web, but from the app only their own profiles.
    expect((await fromPhone(path, acmeAdmin)).status).toBe(403);

    const key = randomUUID();
    const paused = await fromPhone(path, alice, key);
    expect(paused.status).toBe(200);
    expect(paused.body.enabled).toBe(false);
    const again = await fromPhone(path, alice, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const rows = await b.parts.store.admin.listAudit({
      tenantId: 'acme',
      action: 'profile.disable',
    });
    const mine = rows.items.filter((e) => e.target === `profile:${ALICE_PROFILE}`);
    // The replay acted once: one audit row, naming the phone.
    expect(mine).toHaveLength(1);
    expect(mine[0]?.after).toEqual({
      enabled: false,
      via: { surface: 'mobile', device: { id: 'inst-0001abcd', name: 'Alice iPhone' } },
    });

    const resumed = await fromPhone(`/api/profiles/${ALICE_PROFILE}/enable`, alice);
    expect(resumed.body.enabled).toBe(true);
  });

  it('refuses acknowledge and close from the app once the admin takes them away', async () => {
    const alert = await b.parts.store.createAlert(
      { tenantId: 'acme' },
      { profileId: ALICE_PROFILE, severity: 'warning', code: 'ORDER_NOT_PLACED', message: 'x' },
    );
    expect((await setPolicy(acmeAdmin, [])).status).toBe(200);
    const ack = await fromPhone(`/api/alerts/${alert.id}/ack`, alice);
    expect(ack.body.error?.code).toBe('MOBILE_ACTION_NOT_ALLOWED');
    const close = await call(b, {
      method: 'POST',
      path: '/api/close',
      token: alice,
      headers: { ...PHONE, 'idempotency-key': randomUUID() },
      body: { profileId: ALICE_PROFILE, symbol: 'BTC-USD' },
    });
    expect(close.body.error?.code).toBe('MOBILE_ACTION_NOT_ALLOWED');
    // The web keeps the action.
    const webAck = await call(b, {
      method: 'POST',
      path: `/api/alerts/${alert.id}/ack`,
      token: alice,
    });
    expect(webAck.body.state).toBe('acknowledged');

    expect((await setPolicy(acmeAdmin, ['alert.acknowledge'])).status).toBe(200);
    const other = await b.parts.store.createAlert(
      { tenantId: 'acme' },
      { profileId: ALICE_PROFILE, severity: 'warning', code: 'ORDER_NOT_PLACED', message: 'y' },
    );
    const ok = await fromPhone(`/api/alerts/${other.id}/ack`, alice);
    expect(ok.body.state).toBe('acknowledged');
    const audit = await b.parts.store.admin.listAudit({
      tenantId: 'acme',
      action: 'alert.acknowledge',
    });
    expect(audit.items.find((e) => e.target === `alert:${other.id}`)?.after).toMatchObject({
      via: { surface: 'mobile', device: { name: 'Alice iPhone' } },
    });
  });
});
