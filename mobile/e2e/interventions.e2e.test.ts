import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  placeOrderOutsideTheSystem,
  type Service,
  shot,
  signInAlice,
  startMobileStack,
  startPaperVenue,
} from './test-support/harness';

const PAUSABLE = 'p-alice-eth-rsi';

/**
 * Approved mobile interventions on the phone-size web build, against the real services: the
 * Alerts tab lists an alert the engine raised and acknowledges it (confirmation, the web build's
 * stated biometric skip, audited with the device), and "Pause profile" appears only while the
 * tenant admin's policy allows it, and pauses the profile.
 */
describe.skipIf(!browserAvailable())('mobile interventions on the web build', () => {
  let venue: Service;
  let platform: Service;
  let backend: Service;
  let app: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let tenantAdmin: string;

  const login = async (email: string) => {
    const res = await fetch(`${platform.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'demo-password-1' }),
    });
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${backend.url}${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: {
        authorization: `Bearer ${tenantAdmin}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const setPolicy = (allowed: string[]) =>
    api('/api/admin/mobile-policy', {
      method: 'PUT',
      body: { allowed, reason: 'browser test of the mobile policy' },
    });

  beforeAll(async () => {
    venue = await startPaperVenue();
    ({ platform, backend, app, browser, page } = await startMobileStack({
      backendEnv: { EXCHANGE: 'paper-remote', PAPER_VENUE_URL: venue.url },
    }));
    tenantAdmin = await login('acme-admin@acme.demo.test');
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await backend?.stop();
    await platform?.stop();
    await venue?.stop();
  });

  it('lists an alert the engine raised and acknowledges it from the Alerts tab', async () => {
    // An order placed at the venue behind the system's back: the next start's reconciliation
    // raises an alert (and blocks the profile that holds the symbol).
    await expect.poll(async () => (await api('/api/prices')).status, { timeout: 60_000 }).toBe(200);
    const outside = await placeOrderOutsideTheSystem(venue, {
      clientOrderId: 'placed-outside-mobile-ack',
    });
    expect(outside.status).toBe(200);
    await backend.restart({ timeoutMs: 120_000 });

    await page.goto(app.url);
    await signInAlice(page);
    await page.getByRole('tab', { name: 'Alerts' }).click();
    const open = page.getByTestId('alert').filter({ has: page.getByTestId('alert-ack') });
    await open.first().waitFor({ timeout: 60_000 });
    const row = open.first();
    const before = Number((await page.getByTestId('alerts-open').textContent())?.split(' ')[0]);
    expect(before).toBeGreaterThan(0);

    await row.getByTestId('alert-ack').click();
    const confirm = page.getByTestId('alert-ack-confirm');
    await confirm.waitFor();
    // The web build has no biometric API: the skip and its reason are said before confirming.
    expect(await confirm.getByTestId('biometric-note').textContent()).toContain(
      'cannot use the device’s biometric check',
    );
    await shot(page, 'm20-alert-ack-confirm');
    await confirm.getByTestId('alert-ack-yes').click();
    await expect
      .poll(
        async () => Number((await page.getByTestId('alerts-open').textContent())?.split(' ')[0]),
        {
          timeout: 20_000,
        },
      )
      .toBe(before - 1);
    await shot(page, 'm21-alert-acknowledged');

    const audit = await api('/api/admin/audit?action=alert.acknowledge');
    const rows = audit.body.items as { actor: { id: string }; after: Record<string, unknown> }[];
    expect(rows[0]?.actor.id).toBe('u-alice');
    expect(rows[0]?.after).toMatchObject({
      state: 'acknowledged',
      via: { surface: 'mobile', device: { id: expect.stringMatching(/^inst-/) } },
    });
  }, 300_000);

  it('offers "Pause profile" only while the policy allows it, and pauses the profile', async () => {
    const pause = page.getByTestId(`profile-pause-${PAUSABLE}`);
    const state = page.getByTestId(`profile-state-${PAUSABLE}`);
    await page.getByRole('tab', { name: 'Profiles' }).click();
    await expect
      .poll(() => state.getAttribute('aria-label'), { timeout: 30_000 })
      .toBe('state RUNNING');
    // The default policy approves acknowledging only.
    expect(await pause.count()).toBe(0);
    await shot(page, 'm22-profiles-monitor-only');

    expect((await setPolicy(['profile.pause', 'profile.resume', 'alert.acknowledge'])).status).toBe(
      200,
    );
    await page.reload();
    await page.getByRole('tab', { name: 'Profiles' }).click();
    await pause.waitFor({ timeout: 30_000 });
    await pause.click();
    const confirm = page.getByTestId(`profile-pause-${PAUSABLE}-confirm`);
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('opens no new positions');
    await confirm.scrollIntoViewIfNeeded();
    await shot(page, 'm23-profile-pause-confirm');
    await confirm.getByTestId(`profile-pause-${PAUSABLE}-yes`).click();
    await expect
      .poll(() => state.getAttribute('aria-label'), { timeout: 20_000 })
      .toBe('state DISABLED');
    const profile = await api(`/api/profiles/${PAUSABLE}`);
    expect(profile.body.enabled).toBe(false);
    // Resume is offered next (the policy allows it too).
    await page.getByTestId(`profile-resume-${PAUSABLE}`).waitFor({ timeout: 20_000 });
    await shot(page, 'm24-profile-paused');
    const audit = await api('/api/admin/audit?action=profile.disable');
    const row = (audit.body.items as { target: string; after: Record<string, unknown> }[]).find(
      (e) => e.target === `profile:${PAUSABLE}`,
    );
    expect(row?.after).toMatchObject({ enabled: false, via: { surface: 'mobile' } });

    // Taken away again: no button, and the app's request would be refused anyway.
    expect((await setPolicy(['alert.acknowledge'])).status).toBe(200);
    await page.reload();
    await page.getByRole('tab', { name: 'Profiles' }).click();
    await expect
      .poll(() => state.getAttribute('aria-label'), { timeout: 30_000 })
      .toBe('state DISABLED');
    expect(await page.getByTestId(`profile-resume-${PAUSABLE}`).count()).toBe(0);
    expect((await api(`/api/profiles/${PAUSABLE}/enable`, { body: {} })).status).toBe(200);
  }, 180_000);
});
