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

/** Operator flows in Chromium: halt with confirmation, config conflicts, audit, customer preview. */
describe.skipIf(!browserAvailable())('admin screens in Chromium', () => {
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
    await signIn(page, 'admin@demo.bytelyst.test');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await platform?.stop();
    await backend?.close();
  });

  it('halts trading only after a reason and a confirmation, and the status bar shows it', async () => {
    await openTab(page, 'Admin');
    await page.getByTestId('controls-table').waitFor();
    const form = page.getByTestId('control-form');
    await form.getByLabel('Mode').selectOption('HALTED');
    const halt = form.getByRole('button', { name: 'Halt…' });
    expect(await halt.isDisabled()).toBe(true);
    await form.getByLabel(/Reason/).fill('exchange incident INC-42');
    await halt.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await shot(page, '10-admin-halt-confirm');
    await dialog.getByRole('button', { name: 'Halt trading' }).click();
    await page.getByTestId('control-ok').waitFor();
    const bar = page.getByTestId('status-bar');
    await expect.poll(() => bar.getAttribute('data-status')).toBe('halted');
    expect(await bar.textContent()).toContain('halted globally');
    expect(backend.admin.controls[0]?.reason).toBe('exchange incident INC-42');
    await shot(page, '11-admin-halted');

    await form.getByLabel('Mode').selectOption('RUNNING');
    await form.getByLabel(/Reason/).fill('incident resolved');
    await form.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => bar.getAttribute('data-status')).not.toBe('halted');
  });

  it('refuses a stale config write and says so', async () => {
    await page.getByRole('tab', { name: 'Config' }).click();
    const row = page.getByTestId('config-risk.maxOrderNotional');
    await row.getByLabel('risk.maxOrderNotional', { exact: true }).fill('3000');
    await row.getByLabel(/Reason for/).fill('raise the order cap');
    backend.admin.bumpConfig('risk.maxOrderNotional', '1800');
    await row.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByTestId('config-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('VERSION_CONFLICT');
    // Both values are shown, and the draft is kept (not replaced by the other writer's value).
    await expect.poll(() => conflict.textContent()).toContain('Current: "1800"');
    expect(await conflict.textContent()).toContain(
      'Yours (not saved, kept in the form below): "3000"',
    );
    expect(await row.getByLabel('risk.maxOrderNotional', { exact: true }).inputValue()).toBe(
      '3000',
    );
    await shot(page, '12-admin-config-conflict');
    // Dismissing keeps the current value: the form shows it again.
    await page.getByTestId('config-conflict-dismiss').click();
    await expect
      .poll(() => row.getByLabel('risk.maxOrderNotional', { exact: true }).inputValue())
      .toBe('1800');
  });

  it('creates a typed key that is not stored yet, showing its default and schema', async () => {
    // A fresh install stores no membership.defaultPlan: the row still exists, says what is in
    // effect and what the key accepts, and creates the key (expectedVersion 0).
    const row = page.getByTestId('config-membership.defaultPlan');
    expect(await row.getAttribute('data-stored')).toBe('no');
    expect(await row.getByTestId('config-default').textContent()).toBe('Default: "pro"');
    expect(await row.getByTestId('config-schema').textContent()).toBe(
      'Accepts: one of free, pro, desk',
    );
    expect(await row.textContent()).toContain('Not set: default in effect');
    expect(await page.getByTestId('config-flags.backtest').textContent()).toContain(
      "Default: the deploy's ENABLE_BACKTEST (true unless set)",
    );
    await row.getByLabel('membership.defaultPlan', { exact: true }).selectOption('desk');
    await row.getByLabel(/Reason for/).fill('desk plan for the pilot tenants');
    await shot(page, '12b-admin-config-create');
    await row.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => row.getAttribute('data-stored')).toBe('yes');
    expect(await row.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    expect(backend.admin.config.find((e) => e.key === 'membership.defaultPlan')).toMatchObject({
      value: 'desk',
      version: 1,
    });
    expect(backend.admin.audit[0]).toMatchObject({
      action: 'config.set',
      target: 'membership.defaultPlan',
      before: null,
      after: 'desk',
    });
  });

  it('shows the audit trail of those changes and the strategy clusters', async () => {
    await page.getByRole('tab', { name: 'Audit log' }).click();
    const audit = page.getByTestId('audit-table');
    await audit.waitFor();
    expect(await audit.textContent()).toContain('exchange incident INC-42');
    await shot(page, '13-admin-audit');
    await page.getByRole('tab', { name: 'Strategy clusters' }).click();
    await page.getByTestId('clusters-table').waitFor();
  });

  it('previews as a customer: admin tab hidden, banner shown, and back', async () => {
    await page.getByTestId('preview-toggle').check();
    await page.getByTestId('preview-banner').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.textContent()).not.toContain('Admin');
    await shot(page, '14-preview-as-customer');
    await page.getByTestId('preview-toggle').uncheck();
    await page.getByRole('link', { name: 'Admin' }).waitFor();
  });

  it('keeps the shell for an operator during maintenance, with the state in the status bar', async () => {
    const token = await platformAdminToken(platform.url);
    // The operator's screen is not remounted when the gate flips: the same shell element stays
    // (a form's state and its success notice survive the change the operator made).
    await page.evaluate(() => {
      (window as unknown as { __shell: Element | null }).__shell = document.querySelector(
        '[data-testid="status-bar"]',
      );
    });
    const sameShell = () =>
      page.evaluate(() => {
        const el = (window as unknown as { __shell: Element | null }).__shell;
        return el !== null && document.contains(el);
      });
    await setProductStatus(platform.url, token, {
      maintenance: { active: true, message: 'Planned upgrade', expectedEndAt: null },
    });
    const bar = page.getByTestId('status-bar');
    await expect
      .poll(() => bar.getAttribute('data-status'), { timeout: 20_000 })
      .toBe('maintenance');
    expect(await bar.textContent()).toContain('Planned upgrade');
    expect(await page.getByTestId('maintenance-screen').count()).toBe(0);
    expect(await sameShell()).toBe(true);
    await shot(page, '15-admin-during-maintenance');
    await setProductStatus(platform.url, token, {
      maintenance: { active: false, message: null, expectedEndAt: null },
    });
    await expect
      .poll(() => bar.getAttribute('data-status'), { timeout: 20_000 })
      .not.toBe('maintenance');
    expect(await sameShell()).toBe(true);
  });

  it('sets maintenance from Admin -> Product with a reason and a confirmation, and lifts it', async () => {
    await openTab(page, 'Admin');
    await page.getByRole('tab', { name: 'Product' }).click();
    const form = page.getByTestId('product-form');
    await form.waitFor();
    await form.getByLabel('Maintenance', { exact: true }).check();
    await form.getByLabel('Maintenance message (shown to users)').fill('Exchange link upgrade');
    const apply = form.getByRole('button', { name: 'Apply…' });
    expect(await apply.isDisabled()).toBe(true); // a reason is required
    await form.getByLabel(/^Reason/).fill('planned upgrade CHG-9');
    await apply.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('in maintenance');
    await dialog.getByRole('button', { name: 'Apply' }).click();
    const bar = page.getByTestId('status-bar');
    await expect
      .poll(() => bar.getAttribute('data-status'), { timeout: 20_000 })
      .toBe('maintenance');
    // The notice survives the gate flipping under the operator's own screen.
    expect(await page.getByTestId('product-ok').textContent()).toContain('Product is now');
    await expect
      .poll(() => page.getByTestId('product-history').textContent(), { timeout: 10_000 })
      .toContain('planned upgrade CHG-9');
    await shot(page, '16-admin-product-maintenance');

    await form.getByLabel('Maintenance', { exact: true }).uncheck();
    await form.getByLabel(/^Reason/).fill('upgrade done CHG-9');
    await form.getByRole('button', { name: 'Apply…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => bar.getAttribute('data-status'), { timeout: 20_000 })
      .not.toBe('maintenance');
    expect(await page.getByTestId('product-ok').textContent()).toContain('Product is now');
  });
});
