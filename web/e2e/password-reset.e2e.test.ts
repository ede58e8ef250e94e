import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  type RealStack,
  type Service,
  shot,
  signIn,
  startRealStack,
} from './test-support/harness';

const ALICE = 'alice@acme.demo.test';
const NEW_PASSWORD = 'a-fresh-password-42';

/** The link the platform mailed to an address, read from its development mailbox. */
async function mailedResetLink(platformUrl: string, email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await fetch(`${platformUrl}/dev/mailbox?email=${encodeURIComponent(email)}`);
        const body = (await res.json()) as { messages: { text: string }[] };
        link = body.messages.at(-1)?.text.match(/https?:\/\/\S+\?token=[\w-]+/)?.[0];
        return link;
      },
      { timeout: 15_000 },
    )
    .toBeTruthy();
  return link ?? '';
}

async function chooseNewPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(password);
  await page.getByRole('button', { name: 'Set new password' }).click();
}

/**
 * PRD password reset against the real platform-service (dev mailbox) and backend: request,
 * the mailed link served by `vite preview` as a path, a new password that signs in, and a link
 * that works only once.
 */
describe.skipIf(!browserAvailable())('password reset against the real services', () => {
  let stack: RealStack;
  let platform: Service;
  let web: { url: string };
  let page: Page;

  beforeAll(async () => {
    stack = await startRealStack();
    ({ platform, web } = stack);
    page = await stack.newPage({ width: 1280, height: 800 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('resets a password from the mailed link, signs in with it, and refuses the link twice', async () => {
    await page.goto(web.url);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByTestId('forgot-password').waitFor();
    await page.getByLabel('Email').fill(ALICE);
    await shot(page, '60-reset-request');
    await page.getByRole('button', { name: 'Send reset link' }).click();
    const sent = page.getByRole('status');
    await sent.waitFor();
    expect(await sent.textContent()).toContain(
      'If an account exists for that email, a reset link is on its way.',
    );
    await shot(page, '61-reset-requested');

    const link = await mailedResetLink(platform.url, ALICE);
    expect(link.startsWith(`${web.url}/reset-password?token=`)).toBe(true);
    // SPA fallback: the preview server answers the path with the app itself.
    const served = await fetch(link);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('<div id="root">');

    await page.goto(link);
    await page.getByTestId('reset-password').waitFor();
    await page.getByLabel('New password', { exact: true }).fill('too-short');
    await page.getByLabel('Confirm new password').fill('too-short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    expect(await page.getByTestId('password-problem').textContent()).toContain('at least 10');
    await shot(page, '62-reset-password-validation');
    await chooseNewPassword(page, NEW_PASSWORD);
    const notice = page.getByTestId('sign-in-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('password has been changed');
    await shot(page, '63-reset-done-sign-in');

    await signIn(page, ALICE, NEW_PASSWORD);

    await page.goto(link);
    await page.getByTestId('reset-password').waitFor();
    await chooseNewPassword(page, 'yet-another-password-9');
    const refused = page.getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('already used or has expired');
    expect(await refused.textContent()).toContain('TOKEN_INVALID');
    expect(await page.getByTestId('request-id').textContent()).toMatch(/\S{8,}/);
    await shot(page, '64-reset-link-reused');
  });
});
