import type { Alert } from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, mintToken, startTestApi, type TestApi } from '../../test-support/index.js';

let b: TestApi;
let operator: string;
let acmeAdmin: string;
let alice: string;
const ALICE_PROFILE = 'p-alice-btc-trend';

beforeAll(async () => {
  b = await startTestApi();
  operator = await mintToken({ sub: 'u-op', tenant: 'acme', role: 'operator' });
  acmeAdmin = await mintToken({ sub: 'u-acme-admin', tenant: 'acme', role: 'tenant_admin' });
  alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
});
afterAll(async () => {
  await b?.stop();
});

const setControl = (token: string, body: Record<string, unknown>) =>
  call(b, { method: 'PUT', path: '/api/admin/trading-control', token, body });

/** Every alert acme's admin sees (tenant-wide and system-wide), oldest first. */
async function all(): Promise<Alert[]> {
  const page = await call(b, { path: '/api/alerts?limit=500', token: acmeAdmin });
  return (page.body.items as Alert[]).reverse();
}

/** A mark; `since(mark)` answers the alerts raised after it, in their current state. */
const mark = async (): Promise<Set<string>> => new Set((await all()).map((a) => a.id));
const since = async (before: Set<string>): Promise<Alert[]> =>
  (await all()).filter((a) => !before.has(a.id));

describe('alerts from control changes', () => {
  it('each halt, pause, resume and profile switch raises exactly one alert; lifting a halt resolves it', async () => {
    const t0 = await mark();
    const reason = 'incident drill';
    expect((await setControl(operator, { scope: 'global', mode: 'HALTED', reason })).status).toBe(
      200,
    );
    // The same mode again changes nothing and raises nothing.
    await setControl(operator, { scope: 'global', mode: 'HALTED', reason });
    let raised = await since(t0);
    expect(raised.map((a) => [a.kind, a.code, a.severity, a.tenantId, a.state])).toEqual([
      ['risk_halt', 'TRADING_HALTED', 'critical', null, 'open'],
    ]);
    expect(raised[0]?.message).toContain('by u-op: incident drill');

    const t1 = await mark();
    await setControl(operator, { scope: 'global', mode: 'RUNNING', reason: 'drill over' });
    raised = await since(t0);
    expect(raised.map((a) => [a.code, a.state])).toEqual([
      ['TRADING_HALTED', 'resolved'],
      ['CONTROL_CHANGED', 'open'],
    ]);
    expect(raised[0]?.resolvedBy).toBe('u-op');
    expect((await since(t1)).map((a) => a.message)).toEqual([
      'Trading halt lifted for every tenant, now RUNNING by u-op: drill over.',
    ]);

    const t2 = await mark();
    await setControl(acmeAdmin, { scope: 'tenant', targetId: 'acme', mode: 'HALTED', reason });
    await setControl(acmeAdmin, {
      scope: 'profile',
      targetId: ALICE_PROFILE,
      mode: 'PAUSED',
      reason,
    });
    raised = await since(t2);
    expect(raised.map((a) => [a.kind, a.code, a.tenantId, a.profileId])).toEqual([
      ['risk_halt', 'TRADING_HALTED', 'acme', null],
      ['control_change', 'CONTROL_CHANGED', 'acme', ALICE_PROFILE],
    ]);
    await setControl(acmeAdmin, { scope: 'tenant', targetId: 'acme', mode: 'RUNNING', reason });
    await setControl(acmeAdmin, {
      scope: 'profile',
      targetId: ALICE_PROFILE,
      mode: 'RUNNING',
      reason,
    });

    const t3 = await mark();
    const disable = await call(b, {
      method: 'POST',
      path: `/api/profiles/${ALICE_PROFILE}/disable`,
      token: alice,
    });
    expect(disable.status).toBe(200);
    await call(b, { method: 'POST', path: `/api/profiles/${ALICE_PROFILE}/disable`, token: alice });
    await call(b, { method: 'POST', path: `/api/profiles/${ALICE_PROFILE}/enable`, token: alice });
    expect((await since(t3)).map((a) => [a.kind, a.code, a.profileId])).toEqual([
      ['control_change', 'PROFILE_DISABLED', ALICE_PROFILE],
      ['control_change', 'PROFILE_ENABLED', ALICE_PROFILE],
    ]);
  });
});
