import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  openTab,
  placeOrderOutsideTheSystem,
  platformAdminToken,
  type RealStack,
  type Service,
  shot,
  signIn,
  startPaperVenue,
  startRealStack,
} from './test-support/harness';

const PROFILE = 'p-alice-btc-trend';

/**
 * A position opened at the venue behind the system's back (an order sent straight to the paper
 * venue, which runs in its own process and outlives the backend) blocks the profile at the next
 * start; an operator sees BLOCKED with the books and venue figures and flattens the venue's
 * extra from the Profiles screen, with a reason and a confirmation.
 */
describe.skipIf(!browserAvailable())('resolving a blocked profile from the web', () => {
  let venue: Service;
  let stack: RealStack;
  let page: Page;
  let adminToken: string;

  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${stack.backend.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${adminToken}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  const venueBtc = async () => {
    const res = await fetch(`${venue.url}/accounts/acme/positions`);
    const body = (await res.json()) as { symbol: string; quantity: string }[];
    return Number(body.find((p) => p.symbol === 'BTC-USD')?.quantity ?? 0);
  };
  const booksBtc = async () => {
    const r = await api('/api/positions');
    return (r.body.items as { symbol: string; quantity: string }[])
      .filter((p) => p.symbol === 'BTC-USD')
      .reduce((s, p) => s + Number(p.quantity), 0);
  };

  beforeAll(async () => {
    venue = await startPaperVenue();
    stack = await startRealStack({
      backendEnv: { EXCHANGE: 'paper-remote', PAPER_VENUE_URL: venue.url },
    });
    page = await stack.newPage({ width: 1440, height: 900 });
    adminToken = await platformAdminToken(stack.platform.url);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await venue?.stop();
  });

  it('an operator flattens the venue’s extra position from the Profiles screen', async () => {
    // Prices must be flowing before a market order can fill at the venue.
    await expect.poll(async () => (await api('/api/prices')).status, { timeout: 60_000 }).toBe(200);
    const before = await venueBtc();
    const outside = await placeOrderOutsideTheSystem(venue, { clientOrderId: 'placed-outside-1' });
    expect(outside.status).toBe(200);
    await expect.poll(venueBtc, { timeout: 30_000 }).toBeCloseTo(before + 0.02, 9);

    // The next start reconciles: the venue holds 0.02 more than the books.
    await stack.backend.restart({ timeoutMs: 120_000 });
    await page.goto(stack.web.url);
    await signIn(page, 'admin@demo.bytelyst.test');
    await openTab(page, 'Profiles');
    const state = page.getByTestId(`profile-state-${PROFILE}`);
    await expect.poll(() => state.textContent(), { timeout: 60_000 }).toContain('BLOCKED');
    expect(await state.textContent()).toMatch(/BTC-USD: books [0-9.]+, venue [0-9.]+/);
    await state.getByTestId('block-figures').waitFor();
    await shot(page, '50-profile-blocked-with-figures');

    const row = page.getByTestId(`profile-${PROFILE}`);
    await row.getByRole('button', { name: 'Resolve' }).click();
    const dialog = page.getByTestId('resolve-dialog');
    await dialog.waitFor();
    await dialog.getByLabel("Flatten the venue's extra").check();
    const review = dialog.getByRole('button', { name: 'Review' });
    expect(await review.isDisabled()).toBe(true); // a reason is required
    await dialog
      .getByLabel('Reason (required, audited)')
      .fill('BTC bought at the venue outside the system; close it there');
    await shot(page, '51-resolve-dialog');
    await review.click();
    await dialog.getByTestId('resolve-confirm').waitFor();
    await shot(page, '52-resolve-confirm');
    await dialog.getByRole('button', { name: 'Flatten and unblock' }).click();
    const result = dialog.getByTestId('resolve-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toContain('Block lifted');
    expect(await result.textContent()).toMatch(/SELL 0\.02 BTC-USD/);
    await shot(page, '53-resolve-done');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).not.toContain('BLOCKED');
    await shot(page, '54-profile-unblocked');

    // Books and venue agree again, and the decision is in the audit log once.
    await expect
      .poll(async () => (await venueBtc()) - (await booksBtc()), { timeout: 30_000 })
      .toBeCloseTo(0, 9);
    const audit = await api('/api/admin/audit?action=profile.resolve');
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      reason: 'BTC bought at the venue outside the system; close it there',
      after: { action: 'flatten', blocked: false },
    });
  }, 300_000);
});
