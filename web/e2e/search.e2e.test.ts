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
 * An operator searches a strategy's parameters against the real backend (trials on its job queue
 * and worker threads): progress, the heatmap of two params, a table sortable by any statistic,
 * walk-forward windows, and two runs compared side by side.
 */
describe.skipIf(!browserAvailable())(
  'parameter search and compare against the real services',
  () => {
    let stack: RealStack;
    let page: Page;

    beforeAll(async () => {
      stack = await startRealStack();
      page = await stack.newPage({ width: 1440, height: 900 });
      await page.goto(stack.web.url);
      await signIn(page, 'admin@demo.bytelyst.test');
    });
    afterAll(async () => {
      await stack?.stop();
    });

    const waitDone = async () => {
      await page
        .locator('[data-testid="sr-view"][data-status="done"]')
        .waitFor({ timeout: 180_000 });
    };

    it('runs a grid search and shows the heatmap and a sortable trials table', async () => {
      await openTab(page, 'Backtest');
      await page.getByRole('link', { name: 'Parameter search' }).click();
      const form = page.getByTestId('search-form');
      await form.waitFor({ timeout: 15_000 });
      await form.getByLabel('Candles (1m)').fill('5000');
      await form.getByRole('button', { name: 'Start search' }).click();
      await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/backtest\/search\/sr-/);
      await waitDone();
      await page.getByTestId('sr-best').waitFor();
      const cells = page.getByTestId('sr-heatmap').locator('td');
      expect(await cells.count()).toBeGreaterThan(4);
      // Sort by return: the first row's value is the largest.
      const table = page.getByTestId('sr-trials');
      await table.getByRole('columnheader', { name: 'Return %' }).click();
      const first = Number(
        await table.locator('tbody tr').first().locator('td').nth(3).textContent(),
      );
      const all = (await table.locator('tbody tr td:nth-child(4)').allTextContents())
        .map(Number)
        .filter((x) => Number.isFinite(x));
      expect(first).toBe(Math.max(...all));
      await page.getByTestId('sr-create-profile').waitFor();
      await shot(page, '60-parameter-search');
    });

    it('runs a walk-forward search and shows its windows and stitched curve', async () => {
      await page.getByRole('link', { name: 'Parameter search' }).click();
      const form = page.getByTestId('search-form');
      await form.waitFor();
      await form.getByLabel('Candles (1m)').fill('6000');
      await form.getByLabel('Walk-forward').selectOption('rolling');
      await form.getByLabel('In-sample candles').fill('2000');
      await form.getByLabel('Out-of-sample candles').fill('1000');
      await form.getByRole('button', { name: 'Start search' }).click();
      await waitDone();
      const rows = page.getByTestId('sr-windows').locator('tbody tr');
      expect(await rows.count()).toBe(4);
      await page.getByTestId('sr-stitched').waitFor();
      await shot(page, '61-walk-forward');
    });

    it('compares two runs: settings side by side, curves overlaid, one statistics table', async () => {
      await openTab(page, 'Backtest');
      await page.getByRole('link', { name: 'Runs', exact: true }).click();
      for (const name of ['Moving-average crossover', 'RSI mean reversion']) {
        const form = page.getByTestId('backtest-form');
        await form.waitFor();
        await form.getByLabel('Strategy').selectOption({ label: name });
        await form.getByLabel('Candles').fill('20000');
        await form.getByRole('button', { name: 'Run backtest' }).click();
        await page.getByTestId('backtest-result').waitFor({ timeout: 90_000 });
        await page.getByRole('link', { name: 'Runs', exact: true }).click();
      }
      await page.getByRole('link', { name: 'Compare runs' }).click();
      // By name, not by position: the picker may still show the second run as running (a
      // refetch under way) and a position would then tick the first run twice.
      for (const strategy of ['sma-cross', 'rsi-reversion']) {
        const box = page
          .getByTestId('cmp-pick')
          .getByRole('checkbox', { name: new RegExp(`^${strategy} BTC-USD · -?\\d`) });
        await box.click();
        await expect.poll(() => box.isChecked(), { timeout: 10_000 }).toBe(true);
      }
      const settings = page.getByTestId('cmp-settings');
      await settings.waitFor({ timeout: 15_000 });
      expect(await settings.locator('thead th').count()).toBe(3);
      expect(await page.getByTestId('cmp-chart').getAttribute('data-series')).toBe('2');
      await page.getByTestId('cmp-statistics').waitFor();
      await shot(page, '62-compare-runs');
    });
  },
);
