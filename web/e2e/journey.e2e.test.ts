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
 * The whole product as a user meets it: real platform-service, real trading backend (embedded
 * PGlite, simulated market, paper venue) and the built web in Chromium. PRD journeys 1, 3 and 4:
 * scoped sign-in, an operator's pause reflected on another surface, and the "why" feed.
 */
describe.skipIf(!browserAvailable())('web against the real services', () => {
  let stack: RealStack;
  let web: { url: string };
  let alice: Page;
  let admin: Page;

  beforeAll(async () => {
    stack = await startRealStack();
    ({ web } = stack);
    alice = await stack.newPage({ width: 1440, height: 900 });
    admin = await stack.newPage({ width: 1440, height: 900 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('signs a customer in to live, tenant-scoped state over the socket', async () => {
    await alice.goto(web.url);
    await signIn(alice, 'alice@acme.demo.test');
    await expect
      .poll(() => alice.getByTestId('socket-state').textContent(), { timeout: 30_000 })
      .toContain('connected');
    await expect
      .poll(() => alice.getByTestId('status-bar').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('running');
    await openTab(alice, 'Markets');
    await alice.getByTestId('price-chart').locator('canvas').first().waitFor({ timeout: 30_000 });
    const first = await alice.getByTestId('live-price').textContent();
    // Well inside the 30 s REST refetch: only the socket's price events can move it this soon.
    await expect
      .poll(() => alice.getByTestId('live-price').textContent(), { timeout: 8_000 })
      .not.toBe(first);
    expect(await alice.getByRole('navigation', { name: 'Main' }).textContent()).not.toContain(
      'Admin',
    );
    await shot(alice, '20-live-markets');
  });

  it('reflects an operator pause on the customer surface, and the resume', async () => {
    await admin.goto(web.url);
    await signIn(admin, 'admin@demo.bytelyst.test');
    await openTab(admin, 'Admin');
    const form = admin.getByTestId('control-form');
    await form.getByLabel('Mode').selectOption('PAUSED');
    await form.getByLabel(/Reason/).fill('browser journey pause');
    await form.getByRole('button', { name: 'Pause' }).click();
    await admin
      .getByTestId('control-ok')
      .waitFor({ timeout: 5000 })
      .catch(async (e: unknown) => {
        await shot(admin, 'debug-admin');
        throw e;
      });
    const bar = alice.getByTestId('status-bar');
    // Inside the 15 s bot-state refetch: the change is pushed over the customer's socket.
    await expect.poll(() => bar.getAttribute('data-status'), { timeout: 8_000 }).toBe('paused');
    expect(await bar.textContent()).toContain('paused globally');
    await shot(alice, '21-customer-sees-pause');
    await admin.getByRole('tab', { name: 'Audit log' }).click();
    await expect
      .poll(() => admin.getByTestId('audit-table').textContent(), { timeout: 15_000 })
      .toContain('browser journey pause');
    await admin.getByRole('tab', { name: 'Trading control' }).click();
    await form.getByLabel('Mode').selectOption('RUNNING');
    await form.getByLabel(/Reason/).fill('journey over');
    await form.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => bar.getAttribute('data-status'), { timeout: 30_000 }).toBe('running');
  });

  it('shows the backend readiness checks to the operator', async () => {
    await admin.getByRole('tab', { name: 'Health' }).click();
    const table = admin.getByTestId('health-table');
    await table.waitFor({ timeout: 15_000 });
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    await shot(admin, '24-admin-health');
  });

  it('explains decisions and shows the overview from the real backend', async () => {
    await openTab(alice, 'Decisions');
    await alice.getByTestId('decision').first().waitFor({ timeout: 60_000 });
    await shot(alice, '22-live-decisions');
    await openTab(alice, 'Overview');
    await alice.getByText('Equity curve').waitFor();
    await shot(alice, '23-live-overview');
  });
});
