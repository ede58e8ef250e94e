import { TIMEFRAME_MS } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { TestClock } from '../../ports/clock.js';
import type { Bar, MarketEvent, Tick } from '../../ports/market-data.js';
import { ReplayFeed, parseCsvBars } from './csv-replay.js';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from './instruments.js';
import { generateBarColumns } from './generate-bars.js';
import { SimulatedMarket } from './simulated-market.js';

const T0 = Date.UTC(2026, 0, 1);

function record(seed: number, ms: number): MarketEvent[] {
  const clock = new TestClock(T0);
  const m = new SimulatedMarket({ clock, seed, startTime: T0 });
  const out: MarketEvent[] = [];
  m.subscribe((e) => out.push(e));
  m.advanceTo(T0 + ms);
  return out;
}

describe('simulated market', () => {
  it('offers the crypto and equity symbols with valid instruments', () => {
    const m = new SimulatedMarket({ clock: new TestClock(T0), seed: 1 });
    expect(m.instruments().map((i) => i.symbol)).toEqual([
      'BTC-USD',
      'ETH-USD',
      'SOL-USD',
      'AAPL-USD',
      'MSFT-USD',
      'NVDA-USD',
    ]);
  });

  it('gives the same prices for the same seed and different ones for another', () => {
    const a = record(42, 600_000);
    expect(record(42, 600_000)).toEqual(a);
    expect(record(43, 600_000)).not.toEqual(a);
  });

  it('aggregates 1-second ticks into candles whose OHLC match the ticks', () => {
    const events = record(7, 3 * 60_000 + 1000);
    const ticks = events.filter((e): e is Tick => e.kind === 'tick' && e.symbol === 'BTC-USD');
    const bars = events.filter(
      (e): e is Bar => e.kind === 'candle' && e.symbol === 'BTC-USD' && e.timeframe === '1m',
    );
    expect(bars.length).toBe(3);
    for (const b of bars) {
      const inBar = ticks
        .filter((t) => t.at >= b.openTime && t.at < b.openTime + TIMEFRAME_MS['1m'])
        .map((t) => t.price);
      expect(inBar.length).toBe(60);
      expect([b.open, b.high, b.low, b.close]).toEqual([
        inBar[0],
        Math.max(...inBar),
        Math.min(...inBar),
        inBar.at(-1),
      ]);
    }
  });

  it('dispose is safe twice and stops the feed', async () => {
    const clock = new TestClock(T0);
    const m = new SimulatedMarket({ clock, seed: 1, startTime: T0 });
    await m.dispose();
    await m.dispose();
    const seen: MarketEvent[] = [];
    m.subscribe((e) => seen.push(e));
    m.advanceTo(T0 + 10_000);
    expect(seen).toEqual([]);
  });
});

describe('CSV replay', () => {
  const csv = [
    'timestamp,open,high,low,close,volume',
    '2026-01-01T00:00:00.000Z,100,101,99,100.5,3',
    '1767225660000,100.5,102,100,101.25,4',
    '1767225720,101.25,101.5,100.75,101,1',
  ].join('\n');

  it('parses ISO, millisecond and second timestamps and refuses bad rows', () => {
    const c = parseCsvBars({ text: csv, symbol: 'BTC-USD', timeframe: '1m' });
    expect([...c.time]).toEqual([T0, T0 + 60_000, T0 + 120_000]);
    expect([...c.close]).toEqual([100.5, 101.25, 101]);
    expect(() => parseCsvBars({ text: '1,2,3', symbol: 'BTC-USD', timeframe: '1m' })).toThrow();
    expect(() =>
      parseCsvBars({ text: '2,1,1,1,1,1\n1,1,1,1,1,1', symbol: 'BTC-USD', timeframe: '1m' }),
    ).toThrow();
  });

  it('replays in time order, moving the clock to each candle close', async () => {
    const clock = new TestClock(0);
    const feed = new ReplayFeed({
      clock,
      series: [parseCsvBars({ text: csv, symbol: 'BTC-USD', timeframe: '1m' })],
      instruments: [toContractInstrument(DEFAULT_SIM_INSTRUMENTS[0]!)],
      historyLimit: 10,
    });
    const seen: [number, number][] = [];
    feed.subscribe((e) => seen.push([e.kind === 'candle' ? e.close : 0, clock.now()]));
    await feed.start();
    expect(seen).toEqual([
      [100.5, T0 + 60_000],
      [101.25, T0 + 120_000],
      [101, T0 + 180_000],
    ]);
    expect(feed.history('BTC-USD', '1m', 2).map((b) => b.close)).toEqual([101.25, 101]);
    expect(feed.lastPrice('BTC-USD')?.price).toBe(101);
  });
});

describe('generated backtest history', () => {
  // Backtests replay months of these candles: daily moves and ranges must look like markets
  // (the first calibration let a trend regime carry BTC from 65,000 to 1.1 million in 139 days).
  it('has realistic daily volatility and ranges over 200,000 one-minute candles', () => {
    for (const instrument of DEFAULT_SIM_INSTRUMENTS) {
      for (const seed of [3, 7, 42]) {
        const c = generateBarColumns({
          seed,
          instrument,
          timeframe: '1m',
          count: 200_000,
          startTime: 0,
        });
        let min = Infinity;
        let max = 0;
        for (const x of c.close) {
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
        const daily: number[] = [];
        for (let i = 1440; i < c.close.length; i += 1440)
          daily.push(Math.log((c.close[i] ?? 0) / (c.close[i - 1440] ?? 1)));
        const sd = Math.sqrt(daily.reduce((a, b) => a + b * b, 0) / daily.length);
        const where = `${instrument.symbol} seed ${seed}`;
        expect(sd, where).toBeGreaterThan(0.005);
        expect(sd, where).toBeLessThan(0.08);
        expect(max / instrument.startPrice, where).toBeLessThan(4);
        expect(min / instrument.startPrice, where).toBeGreaterThan(0.25);
      }
    }
  });
});
