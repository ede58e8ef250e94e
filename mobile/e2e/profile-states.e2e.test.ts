import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  placeOrderOutsideTheSystem,
  platformAdminToken,
  type Service,
  shot,
  signInAlice,
  startMobileStack,
  startPaperVenue,
} from './test-support/harness';

const BLOCKED = 'p-alice-btc-trend';
const OTHER = 'p-alice-eth-rsi';

/**
 * Each profile's effective state on the phone, as on the web: BLOCKED with the reason and the
 * books/venue figures after a position was opened at the venue behind the system's back (the
 * paper venue runs in its own process and outlives a backend restart), and PAUSED, DISABLED and
 * HALTED with the layer that set them, each arriving without a reload.
 */
describe.skipIf(!browserAvailable())('profile states on the mobile web build', () => {
  let venue: Service;
  let platform: Service;
  let backend: Service;
  let app: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let adminToken: string;

  const api = async (path: string, body?: unknown, method = body ? 'POST' : 'GET') => {
    const res = await fetch(`${backend.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const control = (scope: 'profile' | 'tenant', targetId: string, mode: string, reason: string) =>
    api('/api/admin/trading-control', { scope, targetId, mode, reason }, 'PUT');
  const state = (id: string) => page.getByTestId(`profile-state-${id}`);
  const stateOf = (id: string) => state(id).getAttribute('aria-label');

  beforeAll(async () => {
    venue = await startPaperVenue();
    ({ platform, backend, app, browser, page } = await startMobileStack({
      backendEnv: { EXCHANGE: 'paper-remote', PAPER_VENUE_URL: venue.url },
    }));
    adminToken = await platformAdminToken(platform.url);
  }, 480_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await backend?.stop();
    await platform?.stop();
    await venue?.stop();
  });

  it('shows BLOCKED with the reason and the books and venue figures', async () => {
    // Prices must be flowing before a market order can fill at the venue.
    await expect.poll(async () => (await api('/api/prices')).status, { timeout: 60_000 }).toBe(200);
    const outside = await placeOrderOutsideTheSystem(venue, {
      clientOrderId: 'placed-outside-mobile-1',
    });
    expect(outside.status).toBe(200);
    // The next start reconciles: the venue holds 0.02 more than the books.
    await backend.restart({ timeoutMs: 120_000 });

    await page.goto(app.url);
    await signInAlice(page);
    await page.getByRole('tab', { name: 'Profiles' }).click();
    await expect.poll(() => stateOf(BLOCKED), { timeout: 60_000 }).toBe('state BLOCKED');
    const text = await state(BLOCKED).textContent();
    expect(text).toContain('Set by the profile layer');
    expect(text).toContain('RECONCILIATION_MISMATCH');
    expect(await page.getByTestId(`profile-${BLOCKED}`).textContent()).toContain('BLOCKED');
    expect(await state(BLOCKED).getByTestId('block-figures').textContent()).toMatch(
      /BTC-USD: books [0-9.]+ · venue [0-9.]+ · difference -?[0-9.]+/,
    );
    expect(await stateOf(OTHER)).toBe('state RUNNING');
    expect(await state(OTHER).textContent()).toBe('');
    await shot(page, 'm10-profile-blocked');
  }, 300_000);

  it('shows PAUSED, DISABLED and HALTED with the layer, each without a reload', async () => {
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });
    expect((await control('profile', OTHER, 'PAUSED', 'review the RSI bounds')).status).toBe(200);
    await expect.poll(() => stateOf(OTHER), { timeout: 20_000 }).toBe('state PAUSED');
    expect(await state(OTHER).textContent()).toBe(
      'Set by the profile layerPaused by an operator: exits only',
    );
    await shot(page, 'm11-profile-paused');

    expect((await control('profile', OTHER, 'RUNNING', 'bounds reviewed')).status).toBe(200);
    expect((await api(`/api/profiles/${OTHER}/disable`, {})).status).toBe(200);
    await expect.poll(() => stateOf(OTHER), { timeout: 20_000 }).toBe('state DISABLED');
    expect(await state(OTHER).textContent()).toContain('Set by the profile layer');

    expect((await control('tenant', 'acme', 'HALTED', 'venue incident INC-7')).status).toBe(200);
    await expect.poll(() => stateOf(OTHER), { timeout: 20_000 }).toBe('state HALTED');
    expect(await state(OTHER).textContent()).toBe(
      'Set by the tenant layerHalted for the organisation by an operator: no orders',
    );
    // A block needs an operator whatever else holds: it stays the state shown.
    expect(await stateOf(BLOCKED)).toBe('state BLOCKED');
    await shot(page, 'm12-profile-halted');

    expect((await control('tenant', 'acme', 'RUNNING', 'incident over')).status).toBe(200);
    expect((await api(`/api/profiles/${OTHER}/enable`, {})).status).toBe(200);
    await expect.poll(() => stateOf(OTHER), { timeout: 20_000 }).toBe('state RUNNING');
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
  }, 120_000);
});
