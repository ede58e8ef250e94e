import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  openTab,
  type RealStack,
  shot,
  signIn,
  startRealStack,
} from './test-support/harness';

/**
 * An operator backtests a strategy against the real backend (worker thread, seeded history) and
 * the real platform (which serves the `backtest` flag): form from the strategy's schema,
 * progress while it runs, then the results, and the run listed to reopen.
 */
describe.skipIf(!browserAvailable())('backtest against the real services', () => {
  let stack: RealStack;
  let web: { url: string };
  let page: Page;

  beforeAll(async () => {
    stack = await startRealStack();
    ({ web } = stack);
    page = await stack.newPage({ width: 1440, height: 900 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('runs a backtest from the form and shows its progress, then its results', async () => {
    await page.goto(web.url);
    await signIn(page, 'admin@demo.bytelyst.test');
    await openTab(page, 'Backtest');
    const form = page.getByTestId('backtest-form');
    await form.waitFor({ timeout: 15_000 });
    await page.getByTestId('backtest-placeholder').waitFor();
    // Params come from the strategy's JSON schema: switching strategy swaps the fields.
    const strategy = form.getByLabel('Strategy');
    const options = await strategy.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(1);
    await form.getByLabel('Candles').fill('20000');
    expect(await page.getByTestId('bt-candles-hint').textContent()).toBe(
      '20,000 one-minute candles ≈ 14 days',
    );
    await shot(page, '40-backtest-form');

    // A short run can finish between two polls: record every progress the page shows.
    await page.evaluate(() => {
      const w = window as unknown as { seenProgress: string[] };
      w.seenProgress = [];
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid="backtest-progress-pct"]');
        const last = w.seenProgress.at(-1);
        if (el?.textContent && el.textContent !== last) w.seenProgress.push(el.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await form.getByRole('button', { name: 'Run backtest' }).click();
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/backtest\/.+/);
    // Best effort: a short run may already be done by now.
    if (await page.getByTestId('backtest-progress').isVisible()) {
      await shot(page, '41-backtest-progress');
    }
    const result = page.getByTestId('backtest-result');
    await result.waitFor({ timeout: 90_000 });
    const seen = await page.evaluate(
      () => (window as unknown as { seenProgress: string[] }).seenProgress,
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => /^\d+%$/.test(p))).toBe(true);

    expect(await page.getByTestId('bt-return').textContent()).toMatch(/^[+−]?\d+\.\d{2}%$/);
    expect(await page.getByTestId('bt-speed').textContent()).toMatch(/^[\d,k]+\/s$/);
    await page.getByTestId('bt-equity-chart').locator('canvas').first().waitFor();
    const price = page.getByTestId('bt-price-chart');
    await price.locator('canvas').first().waitFor();
    expect(Number(await price.getAttribute('data-points'))).toBeGreaterThan(100);
    const trades = Number(await page.getByTestId('bt-trades').textContent());
    expect(Number(await price.getAttribute('data-markers'))).toBe(2 * Math.min(trades, 200));
    await shot(page, '42-backtest-result');

    // Every trade, paged over the API (20,000 candles give a few hundred), and the whole list
    // as the backend's CSV.
    const range = page.getByTestId('bt-trades-range');
    await expect
      .poll(() => range.textContent(), { timeout: 15_000 })
      .toBe(`Trades 1–${Math.min(50, trades)} of ${trades.toLocaleString('en-US')}`);
    if (trades > 50) {
      await page.getByTestId('bt-trades-next').click();
      await expect.poll(() => range.textContent(), { timeout: 15_000 }).toMatch(/^Trades 51–/);
    }
    await page.getByTestId('backtest-trades').scrollIntoViewIfNeeded();
    await shot(page, '43-backtest-trades');
    const download = page.waitForEvent('download', { timeout: 15_000 });
    await page.getByTestId('bt-trades-export').click();
    const file = await (await download).createReadStream();
    let csv = '';
    for await (const chunk of file) csv += String(chunk);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'seq,id,symbol,side,quantity,entry_price,exit_price,realized_pnl,fees,net_pnl,opened_at,closed_at,exit_reason',
    );
    expect(lines).toHaveLength(trades + 1);

    // The run is listed, and reopening it from the list shows the same results.
    const recent = page.getByTestId('recent-backtests');
    await expect.poll(() => recent.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    // The list refreshes on its own slower beat while a run is active.
    await expect.poll(() => recent.textContent(), { timeout: 10_000 }).toContain('done');
    await page.goto(`${web.url}/#/backtest`);
    await page.getByTestId('backtest-placeholder').waitFor();
    await recent.getByRole('link').first().click();
    await result.waitFor();
  });
});
