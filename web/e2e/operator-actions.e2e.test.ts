import { randomUUID } from 'node:crypto';
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

/**
 * A customer cancels a resting order from the Orders table, and sees an operator's pause on the
 * profile itself (its effective state names the layer), against the real services.
 */
describe.skipIf(!browserAvailable())('order cancel and honest profile states', () => {
  let stack: RealStack;
  let alice: Page;
  let aliceToken: string;
  let adminToken: string;

  const api = async (path: string, token: string, init: RequestInit = {}) => {
    const res = await fetch(`${stack.backend.url}${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        authorization: `Bearer ${token}`,
        ...(init.headers as Record<string, string> | undefined),
      },
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    stack = await startRealStack();
    alice = await stack.newPage({ width: 1440, height: 900 });
    const login = await fetch(`${stack.platform.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alice@acme.demo.test', password: 'demo-password-1' }),
    });
    aliceToken = ((await login.json()) as { accessToken: string }).accessToken;
    adminToken = await platformAdminToken(stack.platform.url);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('cancels a resting limit order from the Orders table, after confirmation', async () => {
    const prices = await api('/api/prices', aliceToken);
    const btc = Number(
      (prices.body.prices as { symbol: string; price: string }[]).find(
        (p) => p.symbol === 'BTC-USD',
      )?.price,
    );
    let placed: { status: number; body: Record<string, any> } | null = null;
    await expect
      .poll(
        async () => {
          placed = await api('/api/trade', aliceToken, {
            method: 'POST',
            headers: { 'idempotency-key': randomUUID() },
            body: JSON.stringify({
              profileId: 'p-alice-btc-trend',
              symbol: 'BTC-USD',
              side: 'BUY',
              type: 'LIMIT',
              quantity: '0.01',
              limitPrice: String(Math.floor(btc * 0.5)),
            }),
          });
          return placed.status;
        },
        { timeout: 30_000 },
      )
      .toBe(200);
    const orderId = (placed as unknown as { body: { order: { id: string } } }).body.order.id;

    await alice.goto(stack.web.url);
    await signIn(alice, 'alice@acme.demo.test');
    await openTab(alice, 'Orders & trades');
    const button = alice.getByTestId(`cancel-${orderId}`);
    await button.waitFor({ timeout: 30_000 });
    await shot(alice, '30-orders-with-cancel');
    await button.click();
    await alice.getByRole('dialog').getByRole('button', { name: 'Cancel order' }).click();
    await expect
      .poll(async () => (await api(`/api/orders?limit=50`, aliceToken)).body.items, {
        timeout: 15_000,
      })
      .toContainEqual(expect.objectContaining({ id: orderId, status: 'CANCELLED' }));
    await expect.poll(() => button.count(), { timeout: 15_000 }).toBe(0);
    await shot(alice, '31-order-cancelled');
  });

  it("shows an operator's profile pause on the profile, with its layer", async () => {
    const set = await api('/api/admin/trading-control', adminToken, {
      method: 'PUT',
      body: JSON.stringify({
        scope: 'profile',
        targetId: 'p-alice-btc-trend',
        mode: 'PAUSED',
        reason: 'operator review of the BTC profile',
      }),
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    await openTab(alice, 'Profiles');
    const state = alice.getByTestId('profile-state-p-alice-btc-trend');
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toContain('PAUSED');
    expect(await state.textContent()).toContain('profile');
    await shot(alice, '32-profile-paused-by-operator');
    // The owner switches the other profile off from its row: it shows DISABLED, not RUNNING.
    await alice
      .getByTestId('profile-p-alice-eth-rsi')
      .getByRole('button', { name: 'Disable' })
      .click();
    await expect
      .poll(() => alice.getByTestId('profile-state-p-alice-eth-rsi').textContent(), {
        timeout: 30_000,
      })
      .toContain('DISABLED');
    await shot(alice, '33-profiles-honest-states');
    const api1 = await api('/api/profiles/p-alice-eth-rsi', aliceToken);
    expect(api1.body.effective).toMatchObject({ state: 'DISABLED', layer: 'profile' });
  });

  it('signing out in one tab signs out the others', async () => {
    const other = await alice.context().newPage();
    await other.goto(stack.web.url);
    await other.getByTestId('status-bar').waitFor({ timeout: 30_000 });
    await alice.getByRole('button', { name: 'Sign out' }).click();
    await other.getByLabel('Password').waitFor({ timeout: 10_000 });
    expect(await other.getByTestId('status-bar').count()).toBe(0);
    await shot(other, '34-other-tab-signed-out');
  });

  it('the admin navigation fits one line at 1280 px and Markets fits 390 px', async () => {
    const admin = await stack.newPage({ width: 1280, height: 800 });
    await admin.goto(stack.web.url);
    await signIn(admin, 'admin@demo.bytelyst.test');
    await openTab(admin, 'Admin');
    const tops = await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link')
      .evaluateAll((links) => links.map((l) => Math.round(l.getBoundingClientRect().top)));
    await shot(admin, '35-admin-nav-1280');
    expect(tops.length).toBeGreaterThan(10);
    expect(new Set(tops).size, JSON.stringify(tops)).toBe(1);
    const phone = await stack.newPage({ width: 390, height: 844 });
    await phone.goto(stack.web.url);
    await signIn(phone, 'alice@acme.demo.test');
    await openTab(phone, 'Markets');
    await phone.getByTestId('live-price').waitFor({ timeout: 30_000 });
    await shot(phone, '36-markets-390');
    const wide = await phone.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 391)
        .slice(0, 8)
        .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    );
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width, JSON.stringify(wide)).toBeLessThanOrEqual(390);
  });
});
