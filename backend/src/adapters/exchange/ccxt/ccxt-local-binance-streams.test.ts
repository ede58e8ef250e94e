import { afterAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { WebSocket } from 'ws';
import { createCcxtExchange } from './create-ccxt-exchange.js';
import { systemClock, TestClock } from '../../../ports/clock.js';
import { LocalBinance } from '../../../../test-support/local-binance/local-binance.js';
import { wsText } from '../../../../test-support/local-binance/stream-events.js';

/**
 * ccxt's `binance` pro class over real WebSockets to the local exchange: kline and ticker
 * streams, the user-data stream through the WebSocket API (what ccxt's spot watchOrders uses)
 * and through a REST listen key (what Binance's own docs describe), and a market-stream outage.
 */
const open: { close(): Promise<unknown> }[] = [];
afterAll(async () => {
  for (const o of open.reverse()) await o.close();
});

const START = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
let seq = 0;

async function venue() {
  // The market runs on a test clock moved by hand; signatures are checked on the wall clock.
  const clock = new TestClock(START);
  const lb = new LocalBinance({ clock, authClock: systemClock, livePrices: true, pumpMs: 0 });
  const url = await lb.listen();
  open.push(lb);
  const n = ++seq;
  const account = { apiKey: `skey-${n}-${'k'.repeat(16)}`, secret: `ssec-${n}-${'s'.repeat(16)}` };
  lb.addAccount({ ...account, accountId: `sacct-${n}` });
  const exchange = (over: { secret?: string } = {}) => {
    const ex = createCcxtExchange({
      exchangeId: 'binance',
      ...account,
      ...over,
      sandbox: false,
      urlOverride: url,
      pro: true,
    });
    ex.timeout = 2000;
    open.push({ close: () => ex.close() });
    return ex;
  };
  return { lb, url, clock, account, exchange };
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('local exchange WebSocket streams through ccxt pro', () => {
  it('streams klines: updates of the open candle, then the closed candle as the market has it', async () => {
    const v = await venue();
    const ex = v.exchange();
    await ex.loadMarkets();
    const first = ex.watchOHLCV('BTC/USD', '1m');
    await until(() => v.lb.streams.wantedKlines().length === 1, 'the subscription');
    expect(v.lb.streams.wantedKlines()).toEqual([{ symbol: 'BTC-USD', timeframe: '1m' }]);
    v.clock.advance(45_000); // crosses a minute boundary: one candle closes
    v.lb.advance();
    await first;
    const closed = v.lb.market.history('BTC-USD', '1m', 1)[0];
    if (!closed) throw new Error('no closed candle');
    // ccxt keeps every update by open time; the closed candle's last update carries the market's
    // values (earlier updates of the same candle, sent while it formed, may arrive first).
    const cache = (ex as unknown as { ohlcvs: Record<string, Record<string, number[][]>> }).ohlcvs;
    const expected = [
      closed.openTime,
      Number(closed.open.toFixed(8)),
      Number(closed.high.toFixed(8)),
      Number(closed.low.toFixed(8)),
      Number(closed.close.toFixed(8)),
    ];
    const row = () => cache['BTC/USD']?.['1m']?.find((c) => c[0] === closed.openTime);
    await until(
      () => JSON.stringify(row()?.slice(0, 5)) === JSON.stringify(expected),
      'the closed candle with the market values',
    ).catch(() => undefined);
    expect(row()?.slice(0, 5)).toEqual(expected);
    // And the candle after it, still open, is streamed as it forms.
    const forming = v.lb.market.formingCandle('BTC-USD', '1m');
    expect(cache['BTC/USD']?.['1m']?.at(-1)?.[0]).toBe(forming?.openTime);
  });

  it('streams the ticker with the last traded price', async () => {
    const v = await venue();
    const ex = v.exchange();
    await ex.loadMarkets();
    const ticker = ex.watchTicker('BTC/USD');
    await until(() => v.lb.streams.marketSockets() === 1, 'the socket');
    await new Promise((r) => setTimeout(r, 50)); // the SUBSCRIBE request lands
    v.clock.advance(1_000); // one tick of the market
    v.lb.advance();
    const t = await ticker;
    const last = v.lb.exchange.lastPrice('BTC-USD');
    expect(t.last).toBe(Number(String(Number(last) / 1e18)));
    expect(t.timestamp).toBe(v.clock.now());
  });

  it('pushes executionReport and outboundAccountPosition to watchOrders / watchBalance', async () => {
    const v = await venue();
    const ex = v.exchange();
    await ex.loadMarkets();
    const orders = ex.watchOrders('BTC/USD');
    const balance = ex.watchBalance();
    await until(() => v.lb.exchange.account('sacct-' + seq).handlers.size > 0, 'the subscription');
    const placed = await ex.createOrder('BTC/USD', 'market', 'buy', 0.01, undefined, {
      newClientOrderId: 'ws-order-1',
    });
    const seen = await orders;
    expect(seen.map((o) => o.clientOrderId)).toContain('ws-order-1');
    // ccxt's order cache follows the stream to the order's final state.
    const cached = () => [
      ...((ex as unknown as { orders?: Iterable<{ clientOrderId?: string; status?: string }> })
        .orders ?? []),
    ];
    await until(
      () => cached().some((o) => o.clientOrderId === 'ws-order-1' && o.status === 'closed'),
      'the filled order',
    );
    const b = await balance;
    const held = v.lb.exchange.account('sacct-' + seq).positions.get('BTC-USD') ?? 0n;
    expect(b.BTC?.free).toBe(Number(held) / 1e18);
    expect(placed.clientOrderId).toBe('ws-order-1');
  });

  it('checks the WebSocket API subscription signature like a signed REST call', async () => {
    const v = await venue();
    const ws = new WebSocket(`${v.url.replace('http', 'ws')}/ws-api/v3`);
    await new Promise((r) => ws.once('open', r));
    const ask = (params: Record<string, string | number>) => {
      const answer = new Promise<{ status: number; error?: { code: number } }>((r) =>
        ws.once('message', (d) => r(JSON.parse(wsText(d)) as { status: number })),
      );
      ws.send(JSON.stringify({ id: 'x', method: 'userDataStream.subscribe.signature', params }));
      return answer;
    };
    const params = { apiKey: v.account.apiKey, timestamp: Date.now() };
    const payload = `apiKey=${params.apiKey}&timestamp=${params.timestamp}`;
    const sign = (secret: string) => createHmac('sha256', secret).update(payload).digest('hex');
    expect(await ask({ ...params, signature: sign('wrong-secret') })).toMatchObject({
      status: 400,
      error: { code: -1022 },
    });
    expect(
      await ask({
        ...params,
        timestamp: params.timestamp - 60_000,
        signature: sign(v.account.secret),
      }),
    ).toMatchObject({
      status: 400,
    });
    expect(await ask({ ...params, signature: sign(v.account.secret) })).toMatchObject({
      status: 200,
      result: { subscriptionId: 0 },
    });
    ws.close();
  });

  it('keeps the REST listen-key stream: executionReport per fill, keep-alive, expiry', async () => {
    const v = await venue();
    v.lb.setPrice('BTC-USD', 60_000);
    const post = (method: string, query = '', key = v.account.apiKey) =>
      fetch(`${v.url}/api/v3/userDataStream${query}`, {
        method,
        headers: { 'X-MBX-APIKEY': key },
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    expect((await post('POST', '', 'no-such-key')).status).toBe(401);
    const { listenKey } = (await post('POST')).body as { listenKey: string };
    const ws = new WebSocket(`${v.url.replace('http', 'ws')}/ws/${listenKey}`);
    const events: { e: string; x?: string; X?: string; c?: string }[] = [];
    ws.on('message', (d) => events.push(JSON.parse(wsText(d)) as (typeof events)[number]));
    await new Promise((r) => ws.once('open', r));
    const ex = v.exchange();
    await ex.createOrder('BTC/USD', 'market', 'buy', 0.02, undefined, { newClientOrderId: 'lk-1' });
    await until(() => events.filter((e) => e.x === 'TRADE').length === 2, 'two fills');
    expect(events.filter((e) => e.e === 'executionReport').map((e) => [e.x, e.X])).toEqual([
      ['NEW', 'NEW'],
      ['TRADE', 'PARTIALLY_FILLED'],
      ['TRADE', 'FILLED'],
    ]);
    expect(events.filter((e) => e.e === 'outboundAccountPosition')).toHaveLength(2);
    expect((await post('PUT', `?listenKey=${listenKey}`)).status).toBe(200);
    // Another account's key cannot touch this listen key.
    v.lb.addAccount({ apiKey: 'other-key-0000000', secret: 'x'.repeat(20), accountId: 'other' });
    expect((await post('PUT', `?listenKey=${listenKey}`, 'other-key-0000000')).body.code).toBe(
      -1125,
    );
    // An hour without keep-alive ends the stream with listenKeyExpired.
    const closed = new Promise((r) => ws.once('close', r));
    v.clock.advance(61 * 60_000);
    v.lb.advance();
    await closed;
    expect(events.at(-1)?.e).toBe('listenKeyExpired');
  });

  it('a market-stream outage cuts the sockets and refuses new ones until lifted', async () => {
    const v = await venue();
    const ws = new WebSocket(`${v.url.replace('http', 'ws')}/ws/btcusd@ticker`);
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise((r) => ws.once('close', r));
    v.lb.marketOutage(true);
    await closed;
    const refused = new WebSocket(`${v.url.replace('http', 'ws')}/ws`);
    const status = await new Promise((r) =>
      refused.once('unexpected-response', (_req, res) => r(res.statusCode)),
    );
    expect(status).toBe(503);
    v.lb.marketOutage(false);
    const again = new WebSocket(`${v.url.replace('http', 'ws')}/ws/btcusd@ticker`);
    await new Promise((r) => again.once('open', r));
    const tick = new Promise<string>((r) => again.once('message', (d) => r(wsText(d))));
    v.lb.setPrice('BTC-USD', 61_000);
    expect(JSON.parse(await tick)).toMatchObject({ e: '24hrTicker', s: 'BTCUSD', c: '61000' });
    again.close();
  });
});
