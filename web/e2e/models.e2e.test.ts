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
 * A tenant admin trains a model version from the Models page against the real backend: the job is
 * queued, its progress bar moves while a worker thread trains, then its windows and the new
 * version appear.
 */
describe.skipIf(!browserAvailable())('models page: training jobs against the real services', () => {
  let stack: RealStack;
  let page: Page;

  beforeAll(async () => {
    stack = await startRealStack();
    page = await stack.newPage({ width: 1440, height: 900 });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('queues a training job, shows its progress, then its windows and the new version', async () => {
    await page.goto(stack.web.url);
    await signIn(page, 'admin@demo.bytelyst.test');
    await openTab(page, 'Models');
    const form = page.getByTestId('train-form');
    await form.waitFor({ timeout: 15_000 });
    await shot(page, 'models-train-empty');
    await page.getByLabel('Candles (newest)').fill('60000');
    await page.getByLabel('Model').selectOption('boosted-trees');
    await page.getByLabel('Windows').fill('6');
    await form.getByRole('button', { name: 'Train' }).click();
    const bar = page.getByRole('progressbar', { name: 'Training progress' });
    await bar.waitFor({ timeout: 15_000 });
    await shot(page, 'models-train-running');
    const result = page.getByTestId('training-result');
    await result.waitFor({ timeout: 120_000 });
    await expect(result.locator('tbody tr').count()).resolves.toBe(6);
    await page.getByTestId('models-table').waitFor();
    await shot(page, 'models-train-done');
  }, 180_000);
});
