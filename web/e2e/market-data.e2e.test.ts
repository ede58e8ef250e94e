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

/** `count` one-minute candles from 2026-02-02 00:00 UTC, zone-less times, with a header. */
function csv(count: number, edit?: (lines: string[]) => void): string {
  const lines = ['time,open,high,low,close,volume'];
  const t0 = Date.UTC(2026, 1, 2);
  for (let i = 0; i < count; i++) {
    if (i >= 600 && i < 630) continue; // a 30-minute hole
    const t = new Date(t0 + i * 60_000).toISOString().replace('T', ' ').slice(0, 19);
    const p = 60_000 + Math.round(Math.sin(i / 50) * 500);
    lines.push(`${t},${p},${p + 20},${p - 15},${p + 5},${(i % 7) + 1}`);
  }
  edit?.(lines);
  return `${lines.join('\n')}\n`;
}

/**
 * An operator uploads candle CSVs on the Data page against the real backend: a file with bad
 * rows is refused with its lines listed, a good one shows the upload's progress and lands in the
 * stored series with its coverage and gaps.
 */
describe.skipIf(!browserAvailable())('market data page against the real services', () => {
  let stack: RealStack;
  let page: Page;

  beforeAll(async () => {
    stack = await startRealStack();
    page = await stack.newPage({ width: 1440, height: 900 });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const pick = (name: string, text: string) =>
    page.getByLabel('CSV file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(text),
    });

  it('refuses a bad file by line, then stores a good one with progress and coverage', async () => {
    await page.goto(stack.web.url);
    await signIn(page, 'admin@demo.bytelyst.test');
    await openTab(page, 'Data');
    const form = page.getByTestId('csv-upload');
    await form.waitFor({ timeout: 15_000 });

    await pick(
      'bad.csv',
      csv(200, (l) => {
        l[3] = l[3]!.replace(/,\d+$/, ',-4');
        l[42] = '02/02/2026 00:41,1,1,1,1,1';
      }),
    );
    await form.getByRole('button', { name: 'Import' }).click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor({ timeout: 15_000 });
    expect(await errors.locator('tbody tr td:first-child').allTextContents()).toEqual(['4', '43']);
    await expect
      .poll(() => page.getByTestId('import-report').getByRole('status').textContent())
      .toMatch(/Refused: 2 bad rows/);
    await shot(page, '60-data-refused');

    await pick('good.csv', csv(200_000));
    await form.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('upload-progress').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('import-report').getByRole('status').textContent(), {
        timeout: 60_000,
      })
      .toMatch(/Stored 199,970 candles of BTC-USD 1m \(csv\)/);
    const row = page.getByTestId('candle-series').locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toMatch(/199,970/);
    expect(await row.textContent()).toMatch(/99\.9\d%/);
    expect(await row.textContent()).toMatch(/1 gaps, 30 candles missing/);
    await shot(page, '61-data-stored');
  }, 120_000);
});
