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

/**
 * A user connects a venue account on the local exchange that speaks Binance's protocol: the
 * form validates as they type, the backend checks the keys over HTTP through ccxt and shows the
 * venue's own code when it refuses, then the account shows its status, balance and last sync,
 * and can be disconnected.
 */
describe.skipIf(!browserAvailable())('venue accounts from the web', () => {
  let exchange: Service;
  let stack: RealStack;
  let page: Page;

  beforeAll(async () => {
    exchange = await startLocalExchange();
    stack = await startRealStack({ backendEnv: { LOCAL_EXCHANGE_URL: exchange.url } });
    page = await stack.newPage({ width: 1440, height: 900 });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await exchange?.stop();
  });

  it('connects, refuses bad and withdraw-capable keys with the venue’s word, and disconnects', async () => {
    await page.goto(stack.web.url);
    await signIn(page, 'alice@acme.demo.test');
    await openTab(page, 'Venues');
    const table = page.getByTestId('venue-accounts');
    await table.waitFor();
    expect(await table.textContent()).toContain('Paper (simulated)');

    await page.getByRole('button', { name: 'Connect an account' }).click();
    const form = page.getByTestId('connect-venue-form');
    await form.getByLabel('Venue', { exact: true }).selectOption('localbinance');
    // Inline validation, before anything is sent.
    await form.getByLabel('Label', { exact: true }).fill('   ');
    await form.getByLabel('Label', { exact: true }).blur();
    await form.getByLabel('API key', { exact: true }).fill('short');
    await form.getByLabel('API key', { exact: true }).blur();
    await page.getByTestId('va-error-apiKey').waitFor();
    expect(await page.getByTestId('va-error-apiKey').textContent()).toContain('too short');
    await page.getByTestId('va-error-label').waitFor();
    await shot(page, '60-venue-connect-inline-validation');

    await form.getByLabel('Label', { exact: true }).fill('Local demo');
    await form.getByLabel('API key', { exact: true }).fill('local-demo-key-1');
    await form.getByLabel('API secret', { exact: true }).fill('not-the-right-secret');
    await form.getByRole('button', { name: 'Connect' }).click();
    const refused = form.getByRole('alert');
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.textContent()).toContain('venue:-1022');
    expect(await refused.textContent()).not.toContain('not-the-right-secret');
    await shot(page, '61-venue-connect-refused-with-code');

    await form.getByLabel('API key', { exact: true }).fill('local-demo-key-withdraw');
    await form.getByLabel('API secret', { exact: true }).fill('local-demo-secret-withdraw');
    await form.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent(), { timeout: 30_000 })
      .toContain('withdraw');

    await form.getByLabel('API key', { exact: true }).fill('local-demo-key-1');
    await form.getByLabel('API secret', { exact: true }).fill('local-demo-secret-1');
    await form.getByRole('button', { name: 'Connect' }).click();
    await form.waitFor({ state: 'detached', timeout: 30_000 });
    const row = table.locator('tr', { hasText: 'Local demo' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('connected');
    expect(text).toContain('USD');
    expect(text).toContain('\u2022\u2022\u2022\u2022ey-1');
    expect(text).not.toContain('local-demo-secret-1');
    await shot(page, '62-venue-connected');

    // The Markets page shows the venue's own market once an account is connected.
    await openTab(page, 'Markets');
    const picker = page.getByLabel('Market', { exact: true });
    await picker.waitFor();
    const simulated = (await page.getByTestId('live-price').textContent()) ?? '';
    await picker.selectOption({
      label: 'Local exchange (Binance protocol) · Local demo (sandbox)',
    });
    await expect.poll(() => page.url()).toContain('account=');
    await page.locator('.grid-market canvas').first().waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId('live-price').textContent(), { timeout: 30_000 })
      .toMatch(/\d/);
    expect(await page.getByTestId('live-price').textContent()).not.toBe(simulated);
    await shot(page, '62b-venue-market-chart');
    await openTab(page, 'Venues');

    await row.getByRole('button', { name: 'Refresh' }).click();
    await row.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('disconnected');
    await shot(page, '63-venue-disconnected');
  }, 300_000);
});
