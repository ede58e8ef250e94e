import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBackend, type FakeBackend } from './test-support/fake-backend';
import {
  browserAvailable,
  freePort,
  launchBrowser,
  openTab,
  platformAdminToken,
  SCREENSHOT_DIR,
  setProductStatus,
  shot,
  signIn,
  startPlatform,
  startWeb,
  type Service,
} from './test-support/harness';

/**
 * Real Chromium, real platform-service (sign-in, product status), and a contract-checked fake
 * trading backend so the states a live backend cannot be forced into on demand are exercised:
 * live updates down (degraded), a risk-denied order, flag-gated tabs, maintenance and recovery.
 */
describe.skipIf(!browserAvailable())('web states in Chromium', () => {
  let backend: FakeBackend;
  let platform: Service;
  let web: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const webPort = await freePort();
    const webOrigin = `http://127.0.0.1:${webPort}`;
    backend = await startFakeBackend();
    platform = await startPlatform(webOrigin);
    web = await startWeb({ apiUrl: backend.url, platformUrl: platform.url, port: webPort });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${m.text()} ${m.location().url}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await platform?.stop();
    await backend?.close();
  });

  it('signs in through the platform and shows the overview with chart, positions and trades', async () => {
    await page.goto(web.url);
    await page.getByTestId('sign-in').waitFor();
    await shot(page, '01-sign-in');
    await signIn(page, 'alice@acme.demo.test');
    await page.getByTestId('equity-chart').locator('canvas').first().waitFor();
    await page.getByTestId('positions-table').waitFor();
    expect(await page.getByTestId('user-email').textContent()).toMatch(/alice/i);
    expect(await page.getByTestId('positions-table').textContent()).toContain('BTC-USD');
    expect(await page.getByTestId('recent-trades').textContent()).toContain('BTC-USD');
    await shot(page, '02-overview');
    // The session survives a reload: the SDK restores it, no second sign-in.
    await page.reload();
    await page.getByTestId('positions-table').waitFor();
    expect(await page.getByTestId('sign-in').count()).toBe(0);
  });

  it('closes a position only after confirmation', async () => {
    await page.getByTestId('positions-table').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close position' }).click();
    await expect.poll(() => backend.closed.length).toBe(1);
    expect(backend.closed[0]).toMatchObject({ profileId: 'p-btc-trend', symbol: 'BTC-USD' });
  });

  it('stays usable on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('positions-table').waitFor();
    await shot(page, '09-overview-narrow');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('shows degraded with the reason while live updates are down', async () => {
    // The fake serves REST only, so the socket cannot connect: the bar must say so.
    const bar = page.getByTestId('status-bar');
    await expect.poll(() => bar.getAttribute('data-status')).toBe('degraded');
    expect(await bar.textContent()).toContain('Live updates disconnected');
  });

  it('hides flag-off and admin tabs for a customer', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.textContent()).toContain('Overview');
    expect(await nav.textContent()).not.toContain('Marketplace');
    expect(await nav.textContent()).not.toContain('Membership');
    expect(await nav.textContent()).not.toContain('Admin');
  });

  it('shows the marketplace and membership tabs once their flags are on', async () => {
    backend.override('featureFlags', () => ({
      status: 200,
      body: {
        flags: { ...backend.defaultFlags, 'tabs.marketplace': true, 'tabs.membership': true },
        source: 'config',
        updatedAt: new Date().toISOString(),
      },
    }));
    await page.reload();
    await openTab(page, 'Membership');
    await page.getByRole('progressbar').first().waitFor();
    await openTab(page, 'Marketplace');
    await page.getByText('Copy to my profiles').first().waitFor();
    await shot(page, '08-marketplace');
  });

  it('draws the price chart with entry and exit markers and explains a denied order', async () => {
    await openTab(page, 'Markets');
    await page.getByTestId('price-chart').locator('canvas').first().waitFor();
    await page.getByTestId('trade-ticket').getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: /Buy BTC-USD/ }).click();
    const denied = page.getByTestId('trade-denied');
    await denied.waitFor();
    const text = (await denied.textContent()) ?? '';
    expect(text).toContain('ORDER_DENIED');
    expect(text).toContain('MAX_ORDER_NOTIONAL');
    expect(await denied.getByTestId('request-id').textContent()).toMatch(/[0-9a-f-]{36}/);
    await shot(page, '03-markets-denied');
  });

  it('renders the profile form from the strategy param schema and the why-feed', async () => {
    await openTab(page, 'Profiles');
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByTestId('profile-form').waitFor();
    expect(await page.getByLabel('Fast Period').inputValue()).toBe('10');
    await shot(page, '04-profiles-form');
    await openTab(page, 'Decisions');
    await page.getByTestId('decision').first().waitFor();
    const feed = (await page.locator('.decision-list').textContent()) ?? '';
    expect(feed).toContain('BLOCKED');
    expect(feed).toContain('MAX_OPEN_POSITIONS');
    await shot(page, '05-decisions');
  });

  it('blocks a customer during maintenance and recovers without a reload', async () => {
    const admin = await platformAdminToken(platform.url);
    await openTab(page, 'Overview');
    await setProductStatus(platform.url, admin, {
      enabled: true,
      maintenance: {
        active: true,
        message: 'Database upgrade, back by 02:00 UTC',
        expectedEndAt: null,
      },
    });
    await page.getByTestId('maintenance-screen').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('maintenance-screen').textContent()).toContain(
      'Database upgrade',
    );
    await shot(page, '06-maintenance');
    await setProductStatus(platform.url, admin, {
      enabled: false,
      maintenance: { active: false, message: null, expectedEndAt: null },
    });
    await page.getByTestId('disabled-screen').waitFor({ timeout: 20_000 });
    await shot(page, '07-product-disabled');
    // A signed-out operator can still sign in while the product is off and reaches the shell;
    // a customer who signs in the same way still sees the blocking screen.
    const operator = await (await browser.newContext()).newPage();
    await operator.goto(web.url);
    await operator.getByTestId('disabled-screen').waitFor({ timeout: 20_000 });
    await operator.getByTestId('operator-sign-in').click();
    await signIn(operator, 'admin@demo.bytelyst.test');
    await operator.getByTestId('status-bar').waitFor({ timeout: 20_000 });
    await shot(operator, '08-operator-signed-in-while-off');
    const customer = await (await browser.newContext()).newPage();
    await customer.goto(web.url);
    await customer.getByTestId('operator-sign-in').click();
    await customer.getByLabel('Email').fill('alice@acme.demo.test');
    await customer.getByLabel('Password').fill('demo-password-1');
    await customer.getByRole('button', { name: 'Sign in' }).click();
    await customer.getByTestId('disabled-screen').waitFor({ timeout: 20_000 });
    expect(await customer.getByTestId('status-bar').count()).toBe(0);
    await setProductStatus(platform.url, admin, { enabled: true });
    await page.getByTestId('status-bar').waitFor({ timeout: 20_000 });
    expect(
      consoleErrors.filter(
        (e) => !/WebSocket|socket\.io|ERR_CONNECTION_REFUSED|status of 422/.test(e),
      ),
    ).toEqual([]);
  });
});
