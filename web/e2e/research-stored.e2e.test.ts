import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  openTab,
  type RealStack,
  type Service,
  shot,
  signIn,
  startLocalExchange,
  startRealStack,
} from './test-support/harness';

const MIN = 60_000;
/** Fixed once, so every range the test types is relative to the same minute. */
const NOW = Math.floor(Date.now() / MIN) * MIN;
/** A datetime-local value (UTC) `minutes` before NOW. */
const minutesAgo = (minutes: number) => new Date(NOW - minutes * MIN).toISOString().slice(0, 16);

/**
 * An operator imports candles from a venue (the local exchange that speaks Binance's protocol,
 * whose market has three hours of one-minute history) on the Data page, then runs a backtest and a
 * walk-forward search over that stored series from the Backtest tab: the series is offered with
 * its coverage, and a date range outside it is refused inline before anything is sent.
 */
describe.skipIf(!browserAvailable())('research over a stored series from the web', () => {
  let exchange: Service;
  let stack: RealStack;
  let page: Page;

  beforeAll(async () => {
    exchange = await startLocalExchange();
    stack = await startRealStack({ backendEnv: { LOCAL_EXCHANGE_URL: exchange.url } });
    page = await stack.newPage({ width: 1440, height: 900 });
    await page.goto(stack.web.url);
    await signIn(page, 'admin@demo.bytelyst.test');
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
    await exchange?.stop();
  });

  it('imports from a venue with progress, checking the range as it is typed', async () => {
    await openTab(page, 'Data');
    const form = page.getByTestId('venue-import');
    await form.waitFor({ timeout: 15_000 });
    await form.getByLabel('Venue').fill('localbinance');
    await form.getByLabel('Timeframe').selectOption('1m');
    await form.getByLabel('From (UTC)').fill(minutesAgo(170));
    await form.getByLabel('To (UTC, excluded)').fill(minutesAgo(175));
    await expect.poll(() => form.textContent()).toMatch(/from must be before to/);
    expect(await form.getByRole('button', { name: 'Import from venue' }).isDisabled()).toBe(true);
    await form.getByLabel('To (UTC, excluded)').fill(minutesAgo(5));
    await form.getByRole('button', { name: 'Import from venue' }).click();
    const report = form.getByTestId('import-report').getByRole('status');
    await expect
      .poll(() => report.textContent(), { timeout: 60_000 })
      .toMatch(/Stored 165 candles of BTC-USD 1m \(localbinance\)/);
    const row = page.getByTestId('candle-series').locator('tbody tr', { hasText: 'localbinance' });
    await expect.poll(() => row.textContent()).toMatch(/165/);
    await shot(page, '70-data-venue-import');
  }, 120_000);

  it('runs a backtest on the stored series, refusing a range outside it inline', async () => {
    await openTab(page, 'Backtest');
    const form = page.getByTestId('backtest-form');
    await form.waitFor({ timeout: 15_000 });
    const source = form.getByLabel('Data', { exact: true });
    const option = source.locator('option', { hasText: 'localbinance' });
    await expect.poll(() => option.count(), { timeout: 15_000 }).toBe(1);
    await source.selectOption({ label: (await option.textContent()) ?? '' });
    await form.getByTestId('bt-source-coverage').waitFor();
    expect(await form.getByLabel('Candles').count()).toBe(0);
    expect(await form.getByLabel('From (UTC)').inputValue()).toBe(minutesAgo(170));

    await form.getByLabel('From (UTC)').fill(minutesAgo(200));
    await expect.poll(() => form.textContent()).toMatch(/Before the series starts/);
    const run = form.getByRole('button', { name: 'Run backtest' });
    expect(await run.isDisabled()).toBe(true);
    await shot(page, '71-backtest-stored-range');

    await form.getByLabel('From (UTC)').fill(minutesAgo(170));
    await run.click();
    const result = page.getByTestId('backtest-result');
    await result.waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('backtest-job').textContent()).toMatch(
      /stored BTC-USD 1m · localbinance/,
    );
    await shot(page, '72-backtest-stored-result');
  }, 150_000);

  it('runs a walk-forward search over the stored series', async () => {
    await page.getByRole('link', { name: 'Parameter search' }).click();
    const form = page.getByTestId('search-form');
    await form.waitFor({ timeout: 15_000 });
    const source = form.getByLabel('Data', { exact: true });
    const option = source.locator('option', { hasText: 'localbinance' });
    await expect.poll(() => option.count(), { timeout: 15_000 }).toBe(1);
    await source.selectOption({ label: (await option.textContent()) ?? '' });
    await form.getByLabel('To (UTC, excluded)').fill(minutesAgo(-60));
    await expect.poll(() => form.textContent()).toMatch(/After the series ends/);
    expect(await form.getByRole('button', { name: 'Start search' }).isDisabled()).toBe(true);
    await form.getByLabel('To (UTC, excluded)').fill(minutesAgo(5));
    await form.getByLabel('Walk-forward').selectOption('rolling');
    // Sizes are checked against the contract and the series as they are typed.
    await form.getByLabel('In-sample candles').fill('120');
    await form.getByLabel('Out-of-sample candles').fill('50');
    await expect.poll(() => form.textContent()).toMatch(/holds 165 candles, fewer than/);
    expect(await form.getByRole('button', { name: 'Start search' }).isDisabled()).toBe(true);
    await form.getByLabel('In-sample candles').fill('100');
    await expect.poll(() => form.getByTestId('sr-window-count').textContent()).toBe('1 window');
    await form.getByRole('button', { name: 'Start search' }).click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/#\/backtest\/search\/sr-/);
    await page.locator('[data-testid="sr-view"][data-status="done"]').waitFor({ timeout: 180_000 });
    // 165 stored candles hold one window of 100 in-sample and 50 out-of-sample candles (the
    // windows' smallest sizes); it ends 15 candles before the series does.
    const windows = page.getByTestId('sr-windows').locator('tbody tr');
    expect(await windows.count()).toBe(1);
    await page.getByTestId('sr-stitched').waitFor();
    await shot(page, '73-walk-forward-stored');
  }, 240_000);
});
