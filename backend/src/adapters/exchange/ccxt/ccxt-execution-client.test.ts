import { readFileSync } from 'node:fs';
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { TestClock } from '../../../ports/clock.js';
import { ExecutionError } from '../../../ports/execution-client.js';
import { executionClientContract } from '../execution-client-contract.js';
import { CcxtExecutionClient } from './ccxt-execution-client.js';
import { classifyVenueError } from './classify.js';

const data = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./test-data/${name}`, import.meta.url), 'utf8'));
const ERRORS = data('binance-errors.json') as Record<
  string,
  { status: number; body?: unknown; text?: string }
>;

const KNOWN_CLIENT_IDS = new Set(['blQk3v1Zt0aYc9rT2wXy8uPqLm', 'blR7nP0aZ2b4c6d8e0f2g4h6i8']);

type Reply = { status: number; body?: unknown; text?: string } | 'timeout';

/**
 * A recorded Binance behind ccxt: ccxt builds, signs and sends real requests, and parses and
 * classifies the recorded answers; only the network is replaced. `next` overrides the answer to
 * the next request of a route ("GET /api/v3/openOrders").
 */
function recordedBinance() {
  const routes: Record<string, unknown> = {
    'GET /api/v3/exchangeInfo': data('binance-exchange-info.json'),
    'POST /api/v3/order': data('binance-order-new-full.json'),
    'GET /api/v3/order': data('binance-order-query.json'),
    'DELETE /api/v3/order': data('binance-order-cancel.json'),
    'GET /api/v3/openOrders': data('binance-open-orders.json'),
    'GET /api/v3/myTrades': data('binance-my-trades.json'),
    'GET /api/v3/account': data('binance-account.json'),
  };
  const next = new Map<string, Reply>();
  const seen: string[] = [];
  const fetchImplementation = async (url: string, params: { method: string }) => {
    const path = new URL(url).pathname;
    const key = `${params.method} ${path}`;
    seen.push(key);
    const override = next.get(key) ?? next.get(`${params.method} *`);
    next.delete(key);
    next.delete(`${params.method} *`);
    if (override === 'timeout')
      throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
    if (override) {
      const text = override.text ?? JSON.stringify(override.body);
      return new Response(text, {
        status: override.status,
        headers: { 'content-type': override.text ? 'text/html' : 'application/json' },
      });
    }
    const asked = new URL(url).searchParams.get('origClientOrderId');
    if (key === 'GET /api/v3/order' && asked !== null && !KNOWN_CLIENT_IDS.has(asked)) {
      const e = ERRORS.orderDoesNotExist;
      return new Response(JSON.stringify(e?.body), { status: e?.status ?? 400 });
    }
    const body = routes[key];
    if (body === undefined)
      return new Response(JSON.stringify({ code: -1, msg: `no recording for ${key}` }), {
        status: 404,
      });
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const exchange = new ccxt.binance({
    apiKey: 'recorded-key',
    secret: 'recorded-secret',
    fetchImplementation,
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
  });
  const client = new CcxtExecutionClient({
    exchange,
    clock: new TestClock(1_767_225_600_000),
    symbols: ['BTC-USDT'],
  });
  return { client, next, seen };
}

executionClientContract('CcxtExecutionClient (recorded Binance)', async () => {
  const b = recordedBinance();
  return {
    client: b.client,
    marketOrder: {
      clientOrderId: 'blQk3v1Zt0aYc9rT2wXy8uPqLm',
      symbol: 'BTC-USDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.0386',
      limitPrice: null,
      stopPrice: null,
      reduceOnly: false,
    },
    unknownClientOrderId: 'never-sent',
    failNextRead: () =>
      b.next.set('GET *', { status: 503, text: ERRORS.serviceUnavailable?.text ?? '' }),
    failNextSubmit: (how) =>
      b.next.set(
        'POST /api/v3/order',
        how === 'timeout' ? 'timeout' : (ERRORS.tooManyRequests as Reply),
      ),
  };
});

describe('CcxtExecutionClient mapping (recorded Binance payloads)', () => {
  it('maps a partially filled limit order, a cancel, balances and spot positions', async () => {
    const b = recordedBinance();
    await b.client.connect();
    const o = await b.client.fetchOrderByClientId({
      clientOrderId: 'blR7nP0aZ2b4c6d8e0f2g4h6i8',
      symbol: 'BTC-USDT',
    });
    expect(o).toMatchObject({
      clientOrderId: 'blR7nP0aZ2b4c6d8e0f2g4h6i8',
      exchangeOrderId: '48213377999',
      symbol: 'BTC-USDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '0.05',
      limitPrice: '60000',
      status: 'PARTIALLY_FILLED',
      filledQuantity: '0.02',
      averageFillPrice: '60000',
    });
    const c = await b.client.cancelOrder({
      clientOrderId: 'blR7nP0aZ2b4c6d8e0f2g4h6i8',
      symbol: 'BTC-USDT',
    });
    expect(c).toMatchObject({ status: 'CANCELLED', filledQuantity: '0.02' });
    expect(await b.client.fetchBalances()).toEqual([
      { currency: 'BTC', total: '0.0386', free: '0.0386' },
      { currency: 'USDT', total: '9302.1198', free: '7502.1198' },
    ]);
    expect(await b.client.fetchPositions()).toEqual([{ symbol: 'BTC-USDT', quantity: '0.0386' }]);
    const open = await b.client.fetchOpenOrders();
    expect(open.map((x) => x.clientOrderId)).toEqual(['blR7nP0aZ2b4c6d8e0f2g4h6i8']);
  });

  it('maps a filled market order and its trades exactly', async () => {
    const b = recordedBinance();
    await b.client.connect();
    const ack = await b.client.submitOrder({
      clientOrderId: 'blQk3v1Zt0aYc9rT2wXy8uPqLm',
      symbol: 'BTC-USDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.0386',
      limitPrice: null,
      stopPrice: null,
      reduceOnly: false,
    });
    expect(ack).toMatchObject({
      status: 'FILLED',
      filledQuantity: '0.0386',
      exchangeOrderId: '48213377551',
    });
    const fills = await b.client.fetchFills({ since: 0 });
    expect(
      fills.map((f) => [f.exchangeTradeId, f.quantity, f.price, f.fee, f.feeCurrency, f.liquidity]),
    ).toEqual([
      ['5213001', '0.02', '64710.15', '1.294203', 'USDT', 'taker'],
      ['5213002', '0.0186', '64711', '1.2036246', 'USDT', 'taker'],
    ]);
  });

  it.each([
    ['insufficientBalance', 'POST /api/v3/order', 'non-retryable'],
    ['filterFailure', 'POST /api/v3/order', 'non-retryable'],
    ['invalidSymbol', 'POST /api/v3/order', 'non-retryable'],
    // ccxt raises InvalidOrder (not DuplicateOrderId) for Binance's -2010 "Duplicate order sent.";
    // the engine never resends, so a refused duplicate needs no settling.
    ['duplicateOrder', 'POST /api/v3/order', 'non-retryable'],
    ['invalidKey', 'POST /api/v3/order', 'fatal'],
    ['tooManyRequests', 'POST /api/v3/order', 'retryable'],
    ['recvWindow', 'POST /api/v3/order', 'retryable'],
    ['backendTimeout', 'POST /api/v3/order', 'outcome-unknown'],
    ['serviceUnavailable', 'POST /api/v3/order', 'outcome-unknown'],
    ['serviceUnavailable', 'GET /api/v3/openOrders', 'retryable'],
    ['orderDoesNotExist', 'DELETE /api/v3/order', 'non-retryable'],
  ])('classifies %s on %s as %s (by ccxt error class)', async (name, route, kind) => {
    const b = recordedBinance();
    await b.client.connect();
    b.next.set(route, ERRORS[name] as Reply);
    const req = {
      clientOrderId: 'x1',
      symbol: 'BTC-USDT',
      side: 'BUY' as const,
      type: 'MARKET' as const,
      quantity: '0.001',
      limitPrice: null,
      stopPrice: null,
      reduceOnly: false,
    };
    const call = route.startsWith('POST')
      ? b.client.submitOrder(req)
      : route.startsWith('DELETE')
        ? b.client.cancelOrder({ clientOrderId: 'x1', symbol: 'BTC-USDT' })
        : b.client.fetchOpenOrders('BTC-USDT');
    const err = await call.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ExecutionError);
    expect((err as ExecutionError).kind).toBe(kind);
  });

  it('classifies by class, never by message text', () => {
    // Same text, different classes: different outcomes.
    expect(
      classifyVenueError(new ccxt.RateLimitExceeded('insufficient balance'), 'mutation').kind,
    ).toBe('retryable');
    expect(
      classifyVenueError(new ccxt.InsufficientFunds('rate limit exceeded'), 'mutation').kind,
    ).toBe('non-retryable');
    expect(classifyVenueError(new ccxt.DuplicateOrderId('x'), 'mutation').kind).toBe(
      'outcome-unknown',
    );
    expect(classifyVenueError(new ccxt.OnMaintenance('x'), 'read').kind).toBe('retryable');
    expect(classifyVenueError(new ccxt.AccountSuspended('x'), 'read').kind).toBe('fatal');
    expect(classifyVenueError(new TypeError('boom'), 'mutation').kind).toBe('outcome-unknown');
    expect(classifyVenueError(new TypeError('boom'), 'read').kind).toBe('retryable');
  });
});
