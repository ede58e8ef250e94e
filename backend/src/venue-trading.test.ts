import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  connectSocket,
  eventually,
  mintToken,
  startTestBackend,
  type TestBackend,
} from '../test-support/backend-harness.js';
import { LocalBinance } from '../test-support/local-binance/local-binance.js';
import { formatFixed, parseFixed } from './domain/money/fixed.js';

const STARTING_CASH = '100000';
const CAPITAL = '5000';

interface Desk {
  tenant: string;
  user: string;
  token: string;
  apiKey: string;
  secret: string;
  /** The account the key opens at the exchange. */
  exchangeAccount: string;
  accountId: string;
  profileId: string;
}

/**
 * Issue 15's "must show", end to end through the API and the engine: two tenants, each with its
 * own venue account on the local exchange (Binance's protocol over HTTP through ccxt), trade at
 * the same time. Each account's orders, position and cash at the exchange match that tenant's
 * books, and the exchange's request log shows each key only on its own tenant's requests.
 */
describe('two tenants trade on their own venue accounts at once', () => {
  let lb: LocalBinance;
  let b: TestBackend;
  let mirror: NodeJS.Timeout;
  const desks: Desk[] = [];

  beforeAll(async () => {
    lb = new LocalBinance({ livePrices: false, startingCash: STARTING_CASH });
    const url = await lb.listen();
    b = await startTestBackend({
      speed: 1,
      env: { DEMO_SEED: 'true', LOCAL_EXCHANGE_URL: url, MARKET_TICK_MS: '250' },
    });
    // The exchange prices from the backend's simulated market (venue market data is another
    // part of issue 15), so the pre-trade gate and the fills see the same price.
    const copyPrices = () => {
      for (const p of b.parts.engine.prices()) lb.setPrice(p.symbol, Number(p.price));
    };
    copyPrices();
    mirror = setInterval(copyPrices, 200);
    for (const [i, d] of [
      { tenant: 'acme', user: 'u-alice' },
      { tenant: 'globex', user: 'u-bob' },
    ].entries()) {
      const apiKey = `desk-key-${i}-${'k'.repeat(16)}`;
      const secret = `desk-secret-${i}-${'s'.repeat(16)}`;
      const exchangeAccount = `exchange-${d.tenant}`;
      lb.addAccount({ apiKey, secret, accountId: exchangeAccount });
      desks.push({
        ...d,
        token: await mintToken({ sub: d.user, tenant: d.tenant }),
        apiKey,
        secret,
        exchangeAccount,
        accountId: '',
        profileId: '',
      });
    }
  }, 90_000);

  afterAll(async () => {
    clearInterval(mirror);
    await b?.stop();
    await lb?.close();
  });

  it("keeps each tenant's orders, position and cash on its own account and key", async () => {
    for (const d of desks) {
      const connected = await call(b, {
        method: 'POST',
        path: '/api/venue-accounts',
        token: d.token,
        body: {
          venueId: 'localbinance',
          label: `${d.tenant} desk`,
          apiKey: d.apiKey,
          secret: d.secret,
          mode: 'sandbox',
        },
      });
      expect(connected.status, JSON.stringify(connected.body)).toBe(200);
      d.accountId = connected.body.id;
      const created = await call(b, {
        method: 'POST',
        path: '/api/profiles',
        token: d.token,
        body: {
          name: `${d.tenant} on venue`,
          symbols: ['BTC-USD'],
          timeframe: '1h',
          strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20 } },
          capitalAllocation: CAPITAL,
          enabled: true,
          venueAccountId: d.accountId,
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      expect(created.body.venueAccountId).toBe(d.accountId);
      d.profileId = created.body.id;
    }

    const trade = (d: Desk, side: 'BUY' | 'SELL', quantity: string) =>
      call(b, {
        method: 'POST',
        path: '/api/trade',
        token: d.token,
        body: { profileId: d.profileId, symbol: 'BTC-USD', side, quantity },
        headers: { 'idempotency-key': randomUUID() },
      });
    // Both tenants at once, each a different size so a crossed wire would show in the figures.
    const plans: [Desk, ['BUY' | 'SELL', string][]][] = [
      [
        desks[0] as Desk,
        [
          ['BUY', '0.01'],
          ['BUY', '0.02'],
          ['SELL', '0.01'],
        ],
      ],
      [
        desks[1] as Desk,
        [
          ['BUY', '0.03'],
          ['SELL', '0.01'],
          ['BUY', '0.005'],
        ],
      ],
    ];
    await Promise.all(
      plans.map(async ([d, steps]) => {
        for (const [side, qty] of steps) {
          // The first order waits until the engine opened and reconciled the new account.
          await eventually(async () => {
            const r = await trade(d, side, qty);
            expect(r.status, JSON.stringify(r.body)).toBe(200);
          }, 30_000);
        }
      }),
    );
    const expected = new Map([
      ['acme', parseFixed('0.02')],
      ['globex', parseFixed('0.025')],
    ]);

    for (const d of desks) {
      const book = lb.exchange.account(d.exchangeAccount);
      await eventually(async () => {
        const positions = await call(b, {
          path: `/api/positions?profileId=${d.profileId}`,
          token: d.token,
        });
        const pos = (positions.body.items as { symbol: string; quantity: string }[]).find(
          (p) => p.symbol === 'BTC-USD',
        );
        expect(parseFixed(pos?.quantity ?? '0')).toBe(expected.get(d.tenant));
        // The exchange holds exactly what the books hold.
        expect(book.positions.get('BTC-USD') ?? 0n).toBe(expected.get(d.tenant));
      }, 30_000);

      // Orders: the exchange's book of this account holds exactly this tenant's orders.
      const orders = await call(b, {
        path: `/api/orders?profileId=${d.profileId}&limit=100`,
        token: d.token,
      });
      const ids = (orders.body.items as { clientOrderId: string; status: string }[])
        .filter((o) => o.status === 'FILLED')
        .map((o) => o.clientOrderId)
        .sort();
      expect(ids).toHaveLength(3);
      expect([...book.orders.keys()].sort()).toEqual(ids);

      // Cash: what the exchange took from the account is what the ledger took from the profile.
      await eventually(async () => {
        const ledger = await call(b, {
          path: `/api/ledger?profileId=${d.profileId}&limit=500`,
          token: d.token,
        });
        const cash = (ledger.body.items as { account: string; amount: string }[])
          .filter((e) => e.account === 'cash')
          .reduce((s, e) => s + parseFixed(e.amount), 0n);
        const spentInBooks = parseFixed(CAPITAL) - cash;
        const spentAtExchange = parseFixed(STARTING_CASH) - book.cash;
        expect(formatFixed(spentAtExchange)).toBe(formatFixed(spentInBooks));
      }, 30_000);
    }

    // The request log: every signed request carried one desk's key, opened that desk's account,
    // and every order of a tenant travelled with that tenant's key only.
    const signed = lb.requests.filter((r) => r.apiKey !== null);
    expect(signed.length).toBeGreaterThan(10);
    const keyOf = new Map(desks.map((d) => [d.apiKey, d]));
    const orderIdsOf = new Map<string, Set<string>>();
    for (const d of desks)
      orderIdsOf.set(d.apiKey, new Set(lb.exchange.account(d.exchangeAccount).orders.keys()));
    for (const r of signed) {
      const d = keyOf.get(r.apiKey ?? '');
      expect(d, `unknown key on ${r.method} ${r.path}`).toBeDefined();
      expect(r.accountId).toBe(d?.exchangeAccount);
      if (r.clientOrderId !== null)
        expect(orderIdsOf.get(r.apiKey ?? '')?.has(r.clientOrderId), r.clientOrderId).toBe(true);
    }
    for (const d of desks) expect(signed.some((r) => r.apiKey === d.apiKey)).toBe(true);
  }, 120_000);

  it('shows each order with the account it was sent to, after the profile moves on', async () => {
    const [acme, globex] = desks as [Desk, Desk];
    const tagOf = (d: Desk) => ({
      accountId: d.accountId,
      venueId: 'localbinance',
      label: `${d.tenant} desk`,
    });
    type Tagged = { clientOrderId: string; venue: unknown };
    const ordersOf = async (d: Desk) =>
      (await call(b, { path: `/api/orders?profileId=${d.profileId}&limit=100`, token: d.token }))
        .body.items as Tagged[];
    const positionsOf = async (d: Desk) =>
      (await call(b, { path: `/api/positions?profileId=${d.profileId}`, token: d.token })).body
        .items as { symbol: string; quantity: string; venue: unknown }[];

    // Each tenant reads its own account's venue and label, never the other's.
    for (const d of desks) {
      const orders = await ordersOf(d);
      expect(orders.length).toBeGreaterThan(0);
      for (const o of orders) expect(o.venue).toEqual(tagOf(d));
      for (const p of await positionsOf(d)) expect(p.venue).toEqual(tagOf(d));
    }

    // The closing order reaches the socket with its venue too.
    const socket = connectSocket(b, '/trading', acme.token);
    const pushed: Tagged[] = [];
    socket.on('order', (o: Tagged) => pushed.push(o));
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    const closed = await call(b, {
      method: 'POST',
      path: '/api/trade',
      token: acme.token,
      body: { profileId: acme.profileId, symbol: 'BTC-USD', side: 'SELL', quantity: '0.02' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.order.venue).toEqual(tagOf(acme));
    await eventually(() => {
      const mine = pushed.filter((o) => o.clientOrderId === closed.body.order.clientOrderId);
      expect(mine.length).toBeGreaterThan(0);
      for (const o of mine) expect(o.venue).toEqual(tagOf(acme));
    });
    socket.close();

    // Flat now: the profile moves to a second account of the same tenant.
    lb.addAccount({
      apiKey: `second-key-${'k'.repeat(16)}`,
      secret: `second-secret-${'s'.repeat(16)}`,
      accountId: 'exchange-acme-2',
    });
    const second = await call(b, {
      method: 'POST',
      path: '/api/venue-accounts',
      token: acme.token,
      body: {
        venueId: 'localbinance',
        label: 'acme second',
        apiKey: `second-key-${'k'.repeat(16)}`,
        secret: `second-secret-${'s'.repeat(16)}`,
        mode: 'sandbox',
      },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    await eventually(async () => {
      const current = await call(b, { path: `/api/profiles/${acme.profileId}`, token: acme.token });
      const moved = await call(b, {
        method: 'PATCH',
        path: `/api/profiles/${acme.profileId}`,
        token: acme.token,
        body: { venueAccountId: second.body.id, expectedVersion: current.body.version },
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }, 30_000);

    // Every earlier order still names the account it went to; the position is on the new one.
    const after = await ordersOf(acme);
    expect(after.some((o) => o.clientOrderId === closed.body.order.clientOrderId)).toBe(true);
    for (const o of after) expect(o.venue).toEqual(tagOf(acme));
    for (const p of await positionsOf(acme))
      expect(p.venue).toEqual({
        accountId: second.body.id,
        venueId: 'localbinance',
        label: 'acme second',
      });
    // The other tenant is untouched by the move.
    for (const o of await ordersOf(globex)) expect(o.venue).toEqual(tagOf(globex));
  }, 120_000);

  it("blocks only the profiles on an account whose key was revoked, with the venue's reason", async () => {
    const [acme] = desks as [Desk, Desk];
    const spareKey = `spare-key-${'k'.repeat(16)}`;
    const spareSecret = `spare-secret-${'s'.repeat(16)}`;
    lb.addAccount({ apiKey: spareKey, secret: spareSecret, accountId: 'exchange-acme-3' });
    const spare = await call(b, {
      method: 'POST',
      path: '/api/venue-accounts',
      token: acme.token,
      body: {
        venueId: 'localbinance',
        label: 'acme spare',
        apiKey: spareKey,
        secret: spareSecret,
        mode: 'sandbox',
      },
    });
    expect(spare.status, JSON.stringify(spare.body)).toBe(200);
    // Revoked at the venue after it was connected: the engine meets it when a profile moves there.
    lb.revokeKey(spareKey);
    const created = await call(b, {
      method: 'POST',
      path: '/api/profiles',
      token: acme.token,
      body: {
        name: 'acme on spare',
        symbols: ['BTC-USD'],
        timeframe: '1h',
        strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20 } },
        capitalAllocation: CAPITAL,
        enabled: true,
        venueAccountId: spare.body.id,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const trade = (profileId: string) =>
      call(b, {
        method: 'POST',
        path: '/api/trade',
        token: acme.token,
        body: { profileId, symbol: 'BTC-USD', side: 'BUY', quantity: '0.001' },
        headers: { 'idempotency-key': randomUUID() },
      });

    // The tenant's state names the account and why; its other account still trades.
    await eventually(async () => {
      const state = await call(b, { path: '/api/bot-state', token: acme.token });
      const reasons = (state.body.degradedReasons as string[]).join(' | ');
      expect(reasons).toContain('VENUE_ACCOUNT_UNAVAILABLE acme spare');
      expect(reasons).toMatch(/Invalid API-key|-2015/);
    }, 30_000);
    // A fresh profile on the tenant's paper account (acme's first one is cooling down after a
    // loss): it trades while the spare account's profile waits.
    const onPaper = await call(b, {
      method: 'POST',
      path: '/api/profiles',
      token: acme.token,
      body: {
        name: 'acme on paper',
        symbols: ['BTC-USD'],
        timeframe: '1h',
        strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20 } },
        capitalAllocation: CAPITAL,
        enabled: true,
      },
    });
    expect(onPaper.status, JSON.stringify(onPaper.body)).toBe(200);
    await eventually(async () => {
      const other = await trade(onPaper.body.id);
      expect(other.status, JSON.stringify(other.body)).toBe(200);
    }, 30_000);
    const refused = await trade(created.body.id);
    expect(refused.status).not.toBe(200);
    expect(JSON.stringify(refused.body)).toContain('PROFILE_BLOCKED_RECONCILIATION');
    const alerts = await call(b, { path: '/api/alerts?limit=100', token: acme.token });
    expect(
      (alerts.body.items as { code: string; profileId: string | null }[]).filter(
        (a) => a.code === 'VENUE_ACCOUNT_UNAVAILABLE',
      ),
    ).toEqual([expect.objectContaining({ profileId: created.body.id })]);

    // The key restored at the venue: the account is tried again and its profile trades.
    lb.addAccount({ apiKey: spareKey, secret: spareSecret, accountId: 'exchange-acme-3' });
    await eventually(async () => {
      const r = await trade(created.body.id);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }, 30_000);
    const state = await call(b, { path: '/api/bot-state', token: acme.token });
    expect((state.body.degradedReasons as string[]).join(' ')).not.toContain(
      'VENUE_ACCOUNT_UNAVAILABLE',
    );
  }, 120_000);
});
