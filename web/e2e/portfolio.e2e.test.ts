import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '@bytelyst/trading-client';
import { startFakeBackend, type FakeBackend } from './test-support/fake-backend';
import {
  browserAvailable,
  freePort,
  launchBrowser,
  openTab,
  SCREENSHOT_DIR,
  shot,
  signIn,
  startPlatform,
  startWeb,
  type Service,
} from './test-support/harness';

/**
 * The numbers a customer reads, in Chromium against a contract-checked backend: the equity
 * curve ends on the Equity figure, a trade shows its gross PnL, fee and net PnL, and the
 * performance page renders a seeded history as a coloured calendar.
 */
describe.skipIf(!browserAvailable())('portfolio figures in Chromium', () => {
  let backend: FakeBackend;
  let platform: Service;
  let web: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const webPort = await freePort();
    backend = await startFakeBackend();
    platform = await startPlatform(`http://127.0.0.1:${webPort}`);
    web = await startWeb({ apiUrl: backend.url, platformUrl: platform.url, port: webPort });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(web.url);
    await signIn(page, 'alice@acme.demo.test');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await platform?.stop();
    await backend?.close();
  });

  it("the equity curve's last point is the Equity figure", async () => {
    const chart = page.getByTestId('equity-chart');
    await chart.locator('canvas').first().waitFor();
    const kpi = page.getByTestId('kpi-equity');
    await expect.poll(() => kpi.textContent()).not.toBe('—');
    const figure = await kpi.textContent();
    expect(figure).toBe(formatMoney(backend.books.portfolio.account.equity));
    expect(await chart.getAttribute('data-last-value')).toBe(figure);
    // The drawdown figure is the backend's, over every value.
    expect(await page.getByTestId('kpi-drawdown').textContent()).toBe('1.18%');
    await shot(page, '30-overview-equity');
  });

  it("shows a trade's gross PnL, fee and net PnL", async () => {
    const t = backend.fixtures.trades[0];
    if (!t) throw new Error('no trade fixture');
    const recent = page.getByTestId('recent-trades');
    expect(await recent.getByTestId('trade-fees').first().textContent()).toBe(formatMoney(t.fees));
    expect(await recent.getByTestId('trade-net').first().textContent()).toBe(
      formatMoney(t.netPnl, true),
    );
    await openTab(page, 'Orders & trades');
    await page.getByRole('tab', { name: 'Trades' }).click();
    const table = page.getByTestId('trades-table');
    await table.waitFor();
    const row = (await table.locator('tbody tr').first().textContent()) ?? '';
    expect(row).toContain(formatMoney(t.realizedPnl, true));
    expect(row).toContain(formatMoney(t.fees));
    expect(row).toContain(formatMoney(t.netPnl, true));
    await shot(page, '31-trades-net');
    // The export: RFC 4180 with the backend's exact amounts and UTC times.
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-trades').click(),
    ]);
    const text = readFileSync((await dl.path()) ?? '', 'utf8');
    const [header, first] = text.split('\r\n');
    expect(header).toBe(
      'id,profileId,symbol,side,quantity,entryPrice,exitPrice,grossPnl,fees,netPnl,openedAtUtc,closedAtUtc,exitReason',
    );
    expect(first).toContain(`,${t.realizedPnl},${t.fees},${t.netPnl},${t.openedAt},${t.closedAt},`);
  });

  it('shows the venue account beside every position and order', async () => {
    await openTab(page, 'Overview');
    const positions = page.getByTestId('positions-table');
    await positions.waitFor();
    expect(await positions.getByTestId('venue-label').allTextContents()).toEqual([
      'Acme desk · binance',
    ]);
    await shot(page, '33-positions-venue');
    await openTab(page, 'Orders & trades');
    await page.getByRole('tab', { name: 'Orders' }).click();
    const orders = page.getByTestId('orders-table');
    await orders.waitFor();
    // Newest first: the order sent after the profile moved to its account, then paper ones.
    expect(await orders.getByTestId('venue-label').allTextContents()).toEqual(
      backend.fixtures.orders.map((o) =>
        o.venue.accountId === null ? 'Paper' : `${o.venue.label} · ${o.venue.venueId}`,
      ),
    );
    expect(new Set(await orders.getByTestId('venue-label').allTextContents()).size).toBe(2);
    await shot(page, '34-orders-venue');
  });

  it('renders the performance calendar for a seeded history', async () => {
    await openTab(page, 'Performance');
    const cal = page.getByTestId('pnl-calendar');
    await cal.waitFor();
    const seeded = backend.books.analytics.byDay;
    const month = seeded.at(-1)?.period.slice(0, 7) ?? '';
    expect(await cal.getAttribute('data-month')).toBe(month);
    const inMonth = seeded.filter((d) => d.period.startsWith(month));
    for (const d of inMonth) {
      const cell = cal.locator(`[data-day="${d.period}"]`);
      expect(await cell.getAttribute('data-net')).toBe(d.netPnl);
      const bg = await cell.evaluate((el) => getComputedStyle(el).backgroundColor);
      if (Number(d.netPnl) === 0) continue;
      expect(bg, d.period).toMatch(
        Number(d.netPnl) > 0 ? /rgba\(34, 197, 94/ : /rgba\(239, 68, 68/,
      );
    }
    expect(await page.getByTestId('an-winrate').textContent()).toBe('50.0%');
    await page.getByTestId('cumulative-chart').locator('canvas').first().waitFor();
    await shot(page, '32-performance');
  });
});
