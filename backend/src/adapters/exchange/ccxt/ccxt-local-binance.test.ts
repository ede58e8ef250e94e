import { afterAll, describe, expect, it } from 'vitest';
import { executionClientContract } from '../execution-client-contract.js';
import { CcxtAccountProbe } from './ccxt-account-probe.js';
import { CcxtExecutionClient } from './ccxt-execution-client.js';
import { createCcxtExchange } from './create-ccxt-exchange.js';
import { systemClock } from '../../../ports/clock.js';
import type { ExecutionError, SubmitOrderRequest } from '../../../ports/execution-client.js';
import { VenueProbeError } from '../../../ports/venue-accounts.js';
import {
  LocalBinance,
  type LocalBinanceOptions,
} from '../../../../test-support/local-binance/local-binance.js';

/**
 * ccxt's `binance` class over real HTTP to the local exchange: ccxt signs, sends, parses and
 * classifies exactly as it would against Binance; only the host differs.
 */
const servers: LocalBinance[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

let accountSeq = 0;
async function venue(o: LocalBinanceOptions = {}) {
  const lb = new LocalBinance({ livePrices: false, ...o });
  const url = await lb.listen();
  servers.push(lb);
  lb.setPrice('BTC-USD', 60_000);
  lb.setPrice('ETH-USD', 3_000);
  return { lb, url };
}

function clientFor(target: { lb: LocalBinance; url: string }, over: { secret?: string } = {}) {
  const n = ++accountSeq;
  const apiKey = `key-${n}-${'k'.repeat(16)}`;
  const secret = `secret-${n}-${'s'.repeat(16)}`;
  target.lb.addAccount({ apiKey, secret, accountId: `acct-${n}` });
  const exchange = createCcxtExchange({
    exchangeId: 'binance',
    apiKey,
    secret: over.secret ?? secret,
    sandbox: false,
    urlOverride: target.url,
  });
  // Short, so injected drops time out quickly; the local exchange answers in milliseconds.
  exchange.timeout = 1500;
  const client = new CcxtExecutionClient({ exchange, clock: systemClock, symbols: ['BTC-USD'] });
  return { client, exchange, apiKey, secret, accountId: `acct-${n}` };
}

const order = (over: Partial<SubmitOrderRequest> = {}): SubmitOrderRequest => ({
  clientOrderId: `c-${Math.random().toString(36).slice(2, 12)}`,
  symbol: 'BTC-USD',
  side: 'BUY',
  type: 'MARKET',
  quantity: '0.01',
  limitPrice: null,
  stopPrice: null,
  reduceOnly: false,
  ...over,
});

let shared: Promise<{ lb: LocalBinance; url: string }> | null = null;
executionClientContract(
  'CcxtExecutionClient (ccxt binance over HTTP to the local exchange)',
  async () => {
    shared ??= venue();
    const v = await shared;
    const { client } = clientFor(v);
    return {
      client,
      marketOrder: order(),
      unknownClientOrderId: 'never-sent-1',
      failNextRead: () => v.lb.injectFault('GET /api/v3/openOrders', 'unavailable'),
      failNextSubmit: (how) =>
        v.lb.injectFault('POST /api/v3/order', how === 'timeout' ? 'drop-after' : 'rate-limit'),
    };
  },
);

const kindOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: ExecutionError) => `${e.kind}:${e.venueCode}`,
  );

describe('local exchange (Binance protocol) through ccxt', () => {
  it('fills a market order in parts, with trades carrying the client order id', async () => {
    const v = await venue();
    const { client } = clientFor(v);
    await client.connect();
    const o = order({ quantity: '0.02' });
    const ack = await client.submitOrder(o);
    expect(ack).toMatchObject({ status: 'FILLED', filledQuantity: '0.02' });
    const fills = await client.fetchFills({ since: 0, symbol: 'BTC-USD' });
    expect(fills).toHaveLength(2);
    expect(fills.map((f) => f.quantity)).toEqual(['0.01', '0.01']);
    expect(new Set(fills.map((f) => f.clientOrderId))).toEqual(new Set([o.clientOrderId]));
    const [btc] = await client.fetchPositions();
    expect(btc).toEqual({ symbol: 'BTC-USD', quantity: '0.02' });
  });

  it('rests a limit order, fills it when the price comes, and cancels another', async () => {
    const v = await venue();
    const { client } = clientFor(v);
    await client.connect();
    const rest = order({ type: 'LIMIT', limitPrice: '59000' });
    expect(await client.submitOrder(rest)).toMatchObject({
      status: 'SUBMITTED',
      limitPrice: '59000',
    });
    expect((await client.fetchOpenOrders('BTC-USD')).map((x) => x.clientOrderId)).toEqual([
      rest.clientOrderId,
    ]);
    v.lb.setPrice('BTC-USD', 58_990);
    expect(await client.fetchOrderByClientId(rest)).toMatchObject({ status: 'FILLED' });

    const other = order({ type: 'LIMIT', limitPrice: '50000' });
    await client.submitOrder(other);
    expect(await client.cancelOrder(other)).toMatchObject({ status: 'CANCELLED' });
    expect(await client.fetchOrderByClientId(other)).toMatchObject({ status: 'CANCELLED' });
    // A second cancel: Binance says "Unknown order sent." (-2011), a refusal, not a retry.
    expect(await kindOf(client.cancelOrder(other))).toBe('non-retryable:OrderNotFound');
  });

  it('triggers a stop order when the price crosses it', async () => {
    const v = await venue();
    const { client } = clientFor(v);
    await client.connect();
    await client.submitOrder(order({ quantity: '0.05' }));
    const stop = order({ side: 'SELL', type: 'STOP', stopPrice: '55000', quantity: '0.05' });
    expect(await client.submitOrder(stop)).toMatchObject({ status: 'SUBMITTED', type: 'STOP' });
    v.lb.setPrice('BTC-USD', 56_000);
    expect(await client.fetchOrderByClientId(stop)).toMatchObject({ status: 'SUBMITTED' });
    v.lb.setPrice('BTC-USD', 54_900);
    expect(await client.fetchOrderByClientId(stop)).toMatchObject({
      status: 'FILLED',
      filledQuantity: '0.05',
    });
  });

  it('timeouts: dropped before landing leaves no order; dropped after, the order is there', async () => {
    const v = await venue();
    const { client } = clientFor(v);
    await client.connect();
    const before = order();
    v.lb.injectFault('POST /api/v3/order', 'drop-before');
    expect(await kindOf(client.submitOrder(before))).toMatch(/^outcome-unknown:/);
    expect(await client.fetchOrderByClientId(before)).toBeNull();

    const after = order();
    v.lb.injectFault('POST /api/v3/order', 'drop-after');
    expect(await kindOf(client.submitOrder(after))).toMatch(/^outcome-unknown:/);
    expect(await client.fetchOrderByClientId(after)).toMatchObject({
      clientOrderId: after.clientOrderId,
      status: 'FILLED',
    });
    // Resending the same client order id is refused as a duplicate: one order per id.
    expect(await kindOf(client.submitOrder(after))).toMatch(/^non-retryable:|^outcome-unknown:/);
    const fills = await client.fetchFills({ since: 0, symbol: 'BTC-USD' });
    expect(fills.filter((f) => f.clientOrderId === after.clientOrderId)).toHaveLength(2);
  });

  it('answers 429 with Retry-After past the weight limit, which ccxt reports as retryable', async () => {
    const v = await venue({ weightPerMinute: 30 });
    const { client } = clientFor(v);
    await client.connect(); // exchangeInfo: 20
    let outcome = 'ok';
    for (let i = 0; i < 15 && outcome === 'ok'; i++)
      outcome = await kindOf(client.fetchOpenOrders('BTC-USD'));
    expect(outcome).toMatch(/^retryable:/);
    const raw = await fetch(`${v.url}/api/v3/ping`);
    expect(raw.status).toBe(429);
    expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await raw.json()).toEqual({ code: -1003, msg: expect.any(String) });
  });

  it('refuses a bad signature (-1022), a stale timestamp (-1021) and an unknown key (-2015)', async () => {
    const v = await venue();
    const wrong = clientFor(v, { secret: 'not-the-secret-0000' });
    await wrong.client.connect();
    expect(await kindOf(wrong.client.fetchBalances())).toBe('fatal:AuthenticationError');

    const stale = clientFor(v);
    await stale.client.connect();
    stale.exchange.options.timeDifference = -120_000; // its clock two minutes behind
    expect(await kindOf(stale.client.fetchBalances())).toBe('retryable:InvalidNonce');

    const statuses = v.lb.requests.filter((r) => r.path === '/api/v3/account').map((r) => r.status);
    expect(statuses).toEqual([400, 400]);

    const raw = await fetch(`${v.url}/api/v3/account?timestamp=${Date.now()}&signature=00`, {
      headers: { 'X-MBX-APIKEY': 'nobody' },
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ code: -2015 });
  });

  it('refuses an order the balance cannot pay for (-2010, InsufficientFunds)', async () => {
    const v = await venue({ startingCash: '1000' });
    const { client } = clientFor(v);
    await client.connect();
    expect(await kindOf(client.submitOrder(order({ quantity: '1' })))).toBe(
      'non-retryable:InsufficientFunds',
    );
    expect(await kindOf(client.submitOrder(order({ side: 'SELL', quantity: '0.01' })))).toBe(
      'non-retryable:InsufficientFunds',
    );
  });

  it('serves klines and the ticker from its own market', async () => {
    const v = await venue();
    const { exchange } = clientFor(v);
    const candles = await exchange.fetchOHLCV('BTC/USD', '1m', undefined, 5);
    // As on Binance, the last row is the candle still open; the four before it are closed.
    const ours = v.lb.market.history('BTC-USD', '1m', 4);
    const forming = v.lb.market.formingCandle('BTC-USD', '1m');
    expect(candles.map((c) => c[0])).toEqual([...ours, forming].map((b) => b?.openTime));
    expect(candles.slice(0, 4).map((c) => c[4])).toEqual(ours.map((b) => b.close));
    const ticker = await exchange.fetchTicker('BTC/USD');
    expect(ticker.last).toBe(60_000);
  });

  it('checks keys on connect: balance read, withdraw permission told, bad keys refused', async () => {
    const v = await venue();
    v.lb.addAccount({ apiKey: 'ok-key-000000000', secret: 'ok-secret-0000000', accountId: 'a-ok' });
    v.lb.addAccount({
      apiKey: 'wd-key-000000000',
      secret: 'wd-secret-0000000',
      accountId: 'a-wd',
      canWithdraw: true,
    });
    const probe = new CcxtAccountProbe({ urlOverrides: { localbinance: v.url }, timeoutMs: 2000 });
    expect(probe.knows('localbinance') && probe.knows('kraken') && !probe.knows('nosuch')).toBe(
      true,
    );
    const ok = await probe.probe({
      venueId: 'localbinance',
      mode: 'sandbox',
      credentials: { apiKey: 'ok-key-000000000', secret: 'ok-secret-0000000' },
    });
    expect(ok.canWithdraw).toBe(false);
    expect(ok.balances).toContainEqual({ asset: 'USD', free: '100000', total: '100000' });
    const wd = await probe.probe({
      venueId: 'localbinance',
      mode: 'live',
      credentials: { apiKey: 'wd-key-000000000', secret: 'wd-secret-0000000' },
    });
    expect(wd.canWithdraw).toBe(true);
    const bad = await probe
      .probe({
        venueId: 'localbinance',
        mode: 'live',
        credentials: { apiKey: 'ok-key-000000000', secret: 'wrong-secret-00000' },
      })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(VenueProbeError);
    expect(bad).toMatchObject({ venueCode: '-1022', kind: 'rejected' });
  });
});
