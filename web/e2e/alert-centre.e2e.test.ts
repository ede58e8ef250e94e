import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  openTab,
  platformAdminToken,
  type RealStack,
  shot,
  signIn,
  startRealStack,
} from './test-support/harness';

/** A webhook receiver on loopback: the far end a user's endpoint points at. */
async function receiver(): Promise<{
  url: string;
  requests: { headers: IncomingHttpHeaders; body: string }[];
  close: () => Promise<void>;
}> {
  const requests: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const signedWith = (secret: string, r: { headers: IncomingHttpHeaders; body: string }) =>
  r.headers['x-bytelyst-signature'] ===
  `v1=${createHmac('sha256', secret)
    .update(`${String(r.headers['x-bytelyst-timestamp'])}.${r.body}`)
    .digest('hex')}`;

/**
 * The alert centre end to end in Chromium: an operator halts Alice's profile (a risk_halt alert
 * raised by the controls service), Alice lists, acknowledges and resolves it, then manages a
 * webhook endpoint: a private address is refused, a Slack-format endpoint on the receiver (allowed
 * by the deployment's egress list, as an operator would for an internal receiver) shows its
 * secret once, a test is delivered and verifiable with it, the secret is rotated, the endpoint
 * removed.
 */
describe.skipIf(!browserAvailable())('alert centre from the web', () => {
  let stack: RealStack;
  let page: Page;
  let hook: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    hook = await receiver();
    stack = await startRealStack({ backendEnv: { WEBHOOK_EGRESS_ALLOW: '127.0.0.1/32' } });
    page = await stack.newPage({ width: 1440, height: 1000 });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await hook?.close();
  });

  it('lists, acknowledges and resolves an alert', async () => {
    const operator = await platformAdminToken(stack.platform.url);
    const halt = await fetch(`${stack.backend.url}/api/admin/trading-control`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` },
      body: JSON.stringify({
        scope: 'profile',
        targetId: 'p-alice-btc-trend',
        mode: 'HALTED',
        reason: 'browser test: venue incident',
      }),
    });
    expect(halt.status).toBe(200);

    await page.goto(stack.web.url);
    await signIn(page, 'alice@acme.demo.test');
    await openTab(page, 'Alerts');
    const list = page.getByTestId('alerts');
    const row = list.locator('li', { hasText: 'TRADING_HALTED' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('browser test: venue incident');
    expect(await row.getAttribute('data-state')).toBe('open');
    await shot(page, '70-alert-centre-open');

    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByRole('button', { name: 'Acknowledged', exact: true }).click();
    const acked = list.locator('li', { hasText: 'TRADING_HALTED' });
    await expect.poll(() => acked.textContent(), { timeout: 30_000 }).toContain('seen by u-alice');
    expect(await acked.getAttribute('data-state')).toBe('acknowledged');

    await acked.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('button', { name: 'Resolved', exact: true }).click();
    const resolved = list.locator('li', { hasText: 'TRADING_HALTED' });
    await expect
      .poll(() => resolved.textContent(), { timeout: 30_000 })
      .toContain('resolved by u-alice');
    await shot(page, '71-alert-centre-resolved');
  }, 300_000);

  it('adds, tests, rotates and removes a webhook endpoint; refuses a private address', async () => {
    const panel = page.getByTestId('add-webhook');
    await panel.scrollIntoViewIfNeeded();
    await panel.getByLabel('URL').fill('http://10.0.0.8/hook');
    await panel.getByRole('button', { name: 'Add endpoint' }).click();
    const refused = panel.getByRole('alert');
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.textContent()).toContain('private');
    await shot(page, '72-webhook-private-address-refused');

    await panel.getByLabel('URL').fill(`${hook.url}/slack`);
    await panel.getByLabel('Payload').selectOption('slack');
    await panel.getByRole('button', { name: 'Add endpoint' }).click();
    const once = page.getByTestId('webhook-secret');
    await once.waitFor({ timeout: 30_000 });
    const secret = ((await once.locator('code').textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await shot(page, '73-webhook-secret-shown-once');
    await once.getByRole('button', { name: 'I have stored it' }).click();
    await once.waitFor({ state: 'detached' });

    const table = page.getByTestId('webhooks');
    const row = table.locator('tr', { hasText: '/slack' });
    await row.waitFor();
    expect(await row.textContent()).toContain(`\u2022\u2022\u2022\u2022${secret.slice(-4)}`);
    expect(await page.content()).not.toContain(secret);
    expect(await row.getByTestId('webhook-last').textContent()).toContain('never');

    await row.getByRole('button', { name: 'Send test' }).click();
    await expect
      .poll(() => row.getByTestId('webhook-last').textContent(), { timeout: 30_000 })
      .toContain('delivered');
    const got = hook.requests.at(-1);
    expect(got && JSON.parse(got.body).text).toContain('WEBHOOK_TEST');
    expect(got && signedWith(secret, got)).toBe(true);
    await shot(page, '74-webhook-test-delivered');

    await row.getByRole('button', { name: 'Rotate secret' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate' }).click();
    await once.waitFor({ timeout: 30_000 });
    const rotated = ((await once.locator('code').textContent()) ?? '').trim();
    expect(rotated).not.toBe(secret);
    await once.getByRole('button', { name: 'I have stored it' }).click();
    await row.getByRole('button', { name: 'Send test' }).click();
    await expect.poll(() => hook.requests.length, { timeout: 30_000 }).toBe(2);
    const second = hook.requests.at(-1);
    expect(second && signedWith(rotated, second)).toBe(true);
    expect(second && signedWith(secret, second)).toBe(false);

    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    await shot(page, '75-webhook-removed');
  }, 300_000);
});
