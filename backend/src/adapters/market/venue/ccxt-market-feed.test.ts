import { afterAll, describe, expect, it } from 'vitest';
import { createCcxtExchange } from '../../exchange/ccxt/create-ccxt-exchange.js';
import { systemClock, TestClock } from '../../../ports/clock.js';
import type { Bar, MarketEvent } from '../../../ports/market-data.js';
import { LocalBinance } from '../../../../test-support/local-binance/local-binance.js';
import { CcxtMarketFeed, type CcxtMarketFeedOptions } from './ccxt-market-feed.js';

/**
 * The venue feed over ccxt pro against the local exchange (real sockets and HTTP): the exchange's
 * market runs on a test clock moved by hand, so which candles exist is exact.
 */
const open: { close(): Promise<unknown> }[] = [];
afterAll(async () => {
  for (const o of open.reverse()) await o.close();
});

const START = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;

async function setup(
  over: Partial<CcxtMarketFeedOptions> = {},
  pro = true,
  beforeStart: (lb: LocalBinance) => void = () => undefined,
) {
  const clock = new TestClock(START);
  const lb = new LocalBinance({ clock, authClock: systemClock, pumpMs: 0 });
  const url = await lb.listen();
  open.push(lb);
  const exchange = createCcxtExchange({
    exchangeId: 'binance',
    sandbox: false,
    urlOverride: url,
    pro,
  });
  exchange.timeout = 2000;
  const errors: string[] = [];
  const feed = new CcxtMarketFeed({
    exchange,
    clock,
    symbols: ['BTC-USD', 'ETH-USD', 'NOT-LISTED'],
    timeframes: ['1m', '5m'],
    pollMs: 50,
    reconnectMs: 50,
    silenceMs: 60_000,
    onError: (where) => errors.push(where),
    ...over,
  });
  open.push({ close: () => feed.dispose() });
  const events: MarketEvent[] = [];
  feed.subscribe((e) => events.push(e));
  beforeStart(lb);
  await feed.start();
  const bars = (symbol = 'BTC-USD', tf = '1m') =>
    events.filter(
      (e): e is Bar => e.kind === 'candle' && e.symbol === symbol && e.timeframe === tf,
    );
  /** Moves the market by `ms` in one-minute steps, as a live market would. */
  const move = (ms: number) => {
    for (let left = ms; left > 0; left -= 60_000) {
      clock.advance(Math.min(60_000, left));
      lb.advance();
    }
  };
  return { clock, lb, feed, events, bars, move, errors };
}

async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const plain = (b: Bar) => ({
  ...b,
  open: +b.open.toFixed(8),
  high: +b.high.toFixed(8),
  low: +b.low.toFixed(8),
  close: +b.close.toFixed(8),
  volume: +b.volume.toFixed(8),
});

describe('CcxtMarketFeed (ccxt pro against the local exchange)', () => {
  it('takes instruments from the venue and its closed history, never the open candle', async () => {
    const s = await setup();
    expect(s.feed.instruments().map((i) => i.symbol)).toEqual(['BTC-USD', 'ETH-USD']);
    const venueBtc = s.lb.instruments().find((i) => i.symbol === 'BTC-USD');
    expect(s.feed.instruments()[0]).toEqual(venueBtc);
    const ours = s.feed.history('BTC-USD', '1m', 600);
    const venue = s.lb.market.history('BTC-USD', '1m', ours.length);
    expect(ours.map((b) => b.openTime)).toEqual(venue.map((b) => b.openTime));
    expect(ours.at(-1)?.close).toBe(Number(venue.at(-1)?.close.toFixed(8)));
    const forming = s.lb.market.formingCandle('BTC-USD', '1m');
    expect(ours.some((b) => b.openTime === forming?.openTime)).toBe(false);
    expect(s.feed.health().mode).toBe('stream');
  });

  it('streams each closed candle once, equal to the venue, and ticks at venue time', async () => {
    const s = await setup();
    await until(() => s.lb.streams.wantedKlines().length === 4, 'the kline subscriptions');
    s.move(3 * 60_000);
    await until(() => s.bars().length === 3, 'three closed candles');
    const venue = s.lb.market.history('BTC-USD', '1m', 3);
    expect(s.bars()).toEqual(venue.map(plain));
    s.move(60_000);
    await until(() => s.bars().length === 4, 'the fourth');
    expect(s.bars().map((b) => b.openTime)).toEqual(
      s.lb.market.history('BTC-USD', '1m', 4).map((b) => b.openTime),
    );
    await until(() => s.feed.lastPrice('BTC-USD')?.at === s.clock.now(), 'a fresh tick');
    expect(s.feed.health()).toMatchObject({ mode: 'stream', outages: 0 });
  });

  it('switches to polling when the stream is cut, and back when it returns', async () => {
    const s = await setup();
    await until(() => s.lb.streams.wantedKlines().length === 4, 'the kline subscriptions');
    s.lb.marketOutage(true);
    await until(() => s.feed.health().mode === 'polling', 'polling');
    s.move(2 * 60_000);
    await until(() => s.bars().length === 2, 'two candles by polling');
    expect(s.bars()).toEqual(s.lb.market.history('BTC-USD', '1m', 2).map(plain));
    await until(() => s.feed.lastPrice('BTC-USD')?.at === s.clock.now(), 'a polled tick');
    s.lb.marketOutage(false);
    await until(() => s.lb.streams.wantedKlines().length === 4, 'resubscribed');
    s.move(60_000);
    await until(() => s.feed.health().mode === 'stream', 'the stream back');
    await until(() => s.bars().length === 3, 'the next candle');
    const times = s.bars().map((b) => b.openTime);
    expect(new Set(times).size).toBe(times.length);
    expect(s.feed.health().outages).toBeGreaterThanOrEqual(1);
  });

  it('back-fills the candles a stream missed from the venue klines, in order', async () => {
    // Polling every minute of real time: nothing is polled while the stream is away.
    const s = await setup({ pollMs: 60_000 });
    await until(() => s.lb.streams.wantedKlines().length === 4, 'the kline subscriptions');
    s.move(60_000);
    await until(() => s.bars().length === 1, 'one candle');
    s.lb.marketOutage(true);
    await until(() => s.feed.health().mode === 'polling', 'the loss seen');
    await new Promise((r) => setTimeout(r, 100)); // the first polling round is over
    s.move(4 * 60_000);
    s.lb.marketOutage(false);
    await until(() => s.lb.streams.wantedKlines().length === 4, 'resubscribed');
    s.move(60_000);
    await until(() => s.bars().length === 6, 'the missed candles').catch((e) => {
      console.log(
        s.errors,
        JSON.stringify(s.feed.health()),
        s.bars().map((b) => b.openTime),
        s.lb.market.history('BTC-USD', '1m', 6).map((b) => b.openTime),
      );
      throw e;
    });
    expect(s.bars()).toEqual(s.lb.market.history('BTC-USD', '1m', 6).map(plain));
    expect(s.feed.health().gapsFilled).toBeGreaterThanOrEqual(1);
  });

  it('lets prices age while stream and REST are both down (the stale-data rule sees it)', async () => {
    const s = await setup();
    await until(() => s.lb.streams.wantedKlines().length === 4, 'the kline subscriptions');
    s.move(60_000);
    await until(() => s.feed.lastPrice('BTC-USD')?.at === s.clock.now(), 'a tick');
    const before = s.feed.lastPrice('BTC-USD')?.at ?? 0;
    s.lb.restOutage(true);
    s.lb.marketOutage(true);
    await until(() => s.feed.health().pollErrors > 0, 'failed polls');
    s.move(2 * 60_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(s.feed.lastPrice('BTC-USD')?.at).toBe(before);
    expect(s.clock.now() - before).toBe(2 * 60_000);
    s.lb.restOutage(false);
    await until(() => s.feed.lastPrice('BTC-USD')?.at === s.clock.now(), 'fresh again by polling');
    await until(() => s.bars().length === 3, 'the candles of the outage');
  });

  it('says when the stream never answered after start, and when it finally does', async () => {
    const s = await setup({ silenceMs: 300 }, true, (lb) => lb.marketOutage(true));
    expect(s.feed.health().streamAnswered).toBe(false);
    await until(() => s.feed.health().mode === 'polling', 'polling instead');
    s.move(60_000);
    await until(() => s.bars().length === 1, 'a candle by polling');
    expect(s.feed.health()).toMatchObject({ streamAnswered: false, outages: 1 });
    expect(s.feed.health().followingSince).not.toBeNull();
    s.lb.marketOutage(false);
    await until(() => s.lb.streams.wantedKlines().length === 4, 'subscribed', 20_000);
    s.move(60_000);
    await until(() => s.feed.health().streamAnswered === true, 'the stream answering');
    await until(() => s.feed.health().mode === 'stream', 'streaming');
  });

  it('polls a venue without streams (the plain REST class)', async () => {
    const s = await setup({}, false);
    expect(s.feed.health().mode).toBe('polling');
    expect(s.feed.health().streamAnswered).toBeNull();
    s.move(2 * 60_000);
    await until(() => s.bars().length === 2, 'two candles');
    expect(s.bars()).toEqual(s.lb.market.history('BTC-USD', '1m', 2).map(plain));
  });
});
