import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '@bytelyst/trading-client';
import { Analytics, Trade } from '@bytelyst/trading-contracts';
import {
  browserAvailable,
  platformAdminToken,
  type Service,
  setProductStatus,
  shot,
  startMobileStack,
} from './test-support/harness';

/**
 * The mobile app's web build at phone size against the real platform-service and trading
 * backend. PRD journeys 2 (sign in on mobile, restore the same scoped state) and 6 (the kill
 * switch blocks the app and lifts without a reload).
 */
describe.skipIf(!browserAvailable())('mobile web build against the real services', () => {
  let platform: Service;
  let backend: Service;
  let app: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ platform, backend, app, browser, page } = await startMobileStack());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await backend?.stop();
    await platform?.stop();
  });

  const botState = () => page.getByTestId('bot-state');

  it('signs in with platform credentials and shows live, scoped state', async () => {
    await page.goto(app.url);
    await page.getByLabel('Email').fill('alice@acme.demo.test');
    await page.getByLabel('Password').fill('demo-password-1');
    await shot(page, 'm01-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await botState().waitFor({ timeout: 30_000 });
    await expect
      .poll(() => botState().getAttribute('aria-label'), { timeout: 30_000 })
      .toBe('bot state running');
    await expect
      .poll(() => page.getByTestId('connectivity-level').textContent(), { timeout: 30_000 })
      .toContain('Live');
    const price = page.locator('[data-testid^="price-"]').first();
    await price.waitFor({ timeout: 30_000 });
    const first = await price.textContent();
    // Well inside the 60 s poll while the socket is up: only socket `price` events move it.
    await expect.poll(() => price.textContent(), { timeout: 10_000 }).not.toBe(first);
    await shot(page, 'm02-overview-live');
  });

  it('restores the session after the app is restarted', async () => {
    await page.reload();
    await botState().waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('Password').count()).toBe(0);
  });

  it('shows performance: the curve ends on Equity, trades net of fees, analytics', async () => {
    // The seeded history: a round trip of Alice's through the API (buy, then sell), on top of
    // whatever her demo profiles traded by themselves.
    const login = await fetch(`${platform.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alice@acme.demo.test', password: 'demo-password-1' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const api = async (path: string, body?: unknown) => {
      const res = await fetch(`${backend.url}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: {
          authorization: `Bearer ${accessToken}`,
          ...(body ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const json: unknown = await res.json();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    for (const side of ['BUY', 'SELL'])
      await api('/api/trade', {
        profileId: 'p-alice-btc-trend',
        symbol: 'BTC-USD',
        side,
        quantity: '0.01',
      });
    const newest = async () =>
      Trade.parse(((await api('/api/trades?limit=1')) as { items: unknown[] }).items[0]);

    await page.getByRole('tab', { name: 'History' }).click();
    const row = page.getByTestId('trade').first();
    await row.waitFor({ timeout: 30_000 });
    await expect
      .poll(
        async () => {
          const t = await newest();
          return (
            (await row.getByTestId('trade-net').textContent()) === formatMoney(t.netPnl, true) &&
            (await row.getByTestId('trade-fees').textContent()) === formatMoney(t.fees)
          );
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await shot(page, 'm06-history-net');

    await page.getByRole('tab', { name: 'Results' }).click();
    await page.getByTestId('perf-equity').waitFor({ timeout: 30_000 });
    // Read in one go: both figures come from the same answer of the backend.
    const [equity, last] = await page.evaluate(() =>
      ['perf-equity', 'equity-curve-last'].map(
        (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent,
      ),
    );
    expect(equity).toMatch(/\d/);
    expect(last).toBe(equity);
    expect(await page.getByTestId('equity-curve').locator('> *').count()).toBeGreaterThan(0);

    const summary = page.getByTestId('perf-summary');
    await page.getByTestId('perf-winrate').waitFor({ timeout: 30_000 });
    await expect
      .poll(
        async () => {
          const a = Analytics.parse(
            await api(`/api/analytics?timeZone=${encodeURIComponent('UTC')}`),
          );
          const shown = await summary.getByTestId('perf-net').textContent();
          return a.summary.trades > 0 && shown === formatMoney(a.summary.netPnl, true);
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(await page.getByTestId('perf-by-symbol').textContent()).toContain('BTC-USD');
    expect(
      await page.getByTestId('perf-by-strategy').getByTestId('stats-row').count(),
    ).toBeGreaterThan(0);
    expect(await page.locator('[data-testid^="period-20"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('perf-best-net').textContent()).toMatch(/\d/);
    await page.getByTestId('perf-exposure').waitFor();
    await shot(page, 'm07-performance');
  });

  it('blocks on the kill switch and lifts the block without a reload', async () => {
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });
    const token = await platformAdminToken(platform.url);
    await setProductStatus({ platformUrl: platform.url, token, change: { enabled: false } });
    const blocked = page.getByTestId('product-gate-blocked');
    await blocked.waitFor({ timeout: 30_000 });
    expect(await blocked.textContent()).toContain('The product is unavailable');
    expect(await botState().count()).toBe(0);
    await shot(page, 'm03-kill-switch');

    await setProductStatus({ platformUrl: platform.url, token, change: { enabled: true } });
    await botState().waitFor({ timeout: 30_000 });
    expect(await blocked.count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
  });

  it('shows a clear offline state and recovers by itself when the network returns', async () => {
    const level = page.getByTestId('connectivity-level');
    await page.context().setOffline(true);
    await expect.poll(() => level.textContent(), { timeout: 45_000 }).toContain('Offline');
    // The last known state stays on screen, marked as stale by the banner, never blanked.
    expect(await botState().count()).toBe(1);
    await shot(page, 'm05-offline');
    await page.context().setOffline(false);
    await expect.poll(() => level.textContent(), { timeout: 45_000 }).toContain('Live');
  });

  it('shows every tab at phone size and signs out', async () => {
    for (const [tab, id] of [
      ['Positions', 'positions'],
      ['History', 'history'],
      ['Alerts', 'alerts'],
      ['Results', 'performance'],
      ['Profiles', 'strategies'],
      ['Settings', 'settings'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByTestId(id).waitFor({ timeout: 15_000 });
      await shot(page, `m04-${id}`);
    }
    // The web build cannot receive Expo push and says so; the rules are editable.
    expect(await page.getByTestId('push-status').textContent()).toContain(
      'not available in the web build',
    );
    await page.getByTestId('notifications-save').waitFor();
    await page.getByTestId('notifications').scrollIntoViewIfNeeded();
    await shot(page, 'm08-notification-settings');
    await page.getByTestId('sign-out').click();
    await page.getByLabel('Email').waitFor({ timeout: 15_000 });
  });
});
