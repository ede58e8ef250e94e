import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  mintToken,
  startTestBackend,
  type TestBackend,
} from '../../../test-support/backend-harness.js';
import { LocalBinance } from '../../../test-support/local-binance/local-binance.js';

/**
 * Charts and prices of a venue account's market: `account` on /api/candles and /api/prices reads
 * the venue's own closed candles and prices (the ones its profiles trade on), never the
 * simulator's; another user's or tenant's account is 404, a paper account is the simulator.
 */
describe('candles and prices of a venue account', () => {
  let lb: LocalBinance;
  let b: TestBackend;
  let alice = '';
  let carol = '';
  let bob = '';
  let account = '';

  beforeAll(async () => {
    // A seed of its own: the venue's BTC-USD is not the backend simulator's.
    lb = new LocalBinance({ livePrices: true, seed: 31 });
    const url = await lb.listen();
    lb.addAccount({
      apiKey: `vm-key-${'k'.repeat(16)}`,
      secret: `vm-secret-${'s'.repeat(16)}`,
      accountId: 'x',
    });
    // Real time: the venue's candles close on the wall clock, as the backend's must.
    b = await startTestBackend({ speed: 1, env: { DEMO_SEED: 'true', LOCAL_EXCHANGE_URL: url } });
    alice = await mintToken({ sub: 'u-alice', tenant: 'acme' });
    carol = await mintToken({ sub: 'u-carol', tenant: 'acme' });
    bob = await mintToken({ sub: 'u-bob', tenant: 'globex' });
    const connected = await call(b, {
      method: 'POST',
      path: '/api/venue-accounts',
      token: alice,
      body: {
        venueId: 'localbinance',
        label: 'alice desk',
        apiKey: `vm-key-${'k'.repeat(16)}`,
        secret: `vm-secret-${'s'.repeat(16)}`,
        mode: 'sandbox',
      },
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(200);
    account = connected.body.id;
  }, 90_000);

  afterAll(async () => {
    await b?.stop();
    await lb?.close();
  });

  it("answers the venue's closed candles and prices, not the simulator's", async () => {
    const venue = await call(b, {
      method: 'GET',
      path: `/api/candles?symbol=BTC-USD&timeframe=1m&limit=50&account=${account}`,
      token: alice,
    });
    expect(venue.status, JSON.stringify(venue.body)).toBe(200);
    const items = venue.body.items as { openTime: string; close: string }[];
    expect(items.length).toBeGreaterThan(10);
    const exchange = lb.market.history('BTC-USD', '1m', 600);
    const byTime = new Map(exchange.map((c) => [new Date(c.openTime).toISOString(), c.close]));
    // Every candle is the exchange's own, at its close.
    for (const c of items) expect(Number(c.close)).toBeCloseTo(byTime.get(c.openTime) ?? NaN, 6);
    const sim = await call(b, {
      method: 'GET',
      path: '/api/candles?symbol=BTC-USD&timeframe=1m&limit=50',
      token: alice,
    });
    expect(sim.status).toBe(200);
    expect((sim.body.items as { close: string }[]).map((c) => c.close)).not.toEqual(
      items.map((c) => c.close),
    );

    const prices = await call(b, {
      method: 'GET',
      path: `/api/prices?account=${account}`,
      token: alice,
    });
    expect(prices.status).toBe(200);
    const btc = (prices.body.prices as { symbol: string; price: string }[]).find(
      (p) => p.symbol === 'BTC-USD',
    );
    const last = lb.market.lastPrice('BTC-USD')?.price;
    expect(Number(btc?.price)).toBeGreaterThan(0);
    // Within a few ticks of the exchange's last price (it moves while the request travels).
    expect(Math.abs(Number(btc?.price) - Number(last)) / Number(last)).toBeLessThan(0.01);
    expect(prices.body.instruments.length).toBeGreaterThan(0);
  });

  it("refuses another user's or tenant's account as a missing one, and bad ids with a code", async () => {
    for (const token of [carol, bob]) {
      const r = await call(b, {
        method: 'GET',
        path: `/api/candles?symbol=BTC-USD&account=${account}`,
        token,
      });
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    const bad = await call(b, { method: 'GET', path: '/api/prices?account=%00x', token: alice });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('a paper account reads the simulated market', async () => {
    const list = await call(b, { method: 'GET', path: '/api/venue-accounts', token: alice });
    const paper = (list.body.items as { id: string; venueId: string }[]).find(
      (a) => a.venueId === 'paper',
    );
    expect(paper).toBeDefined();
    const viaPaper = await call(b, {
      method: 'GET',
      path: `/api/prices?account=${paper?.id}`,
      token: alice,
    });
    const plain = await call(b, { method: 'GET', path: '/api/prices', token: alice });
    expect(viaPaper.body.instruments).toEqual(plain.body.instruments);
  });
});
