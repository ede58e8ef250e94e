import { BacktestSettings, type Trade } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { makeProfile } from '../../../test-support/engine/fixtures.js';
import { parseCsvBars } from '../../adapters/market/csv-replay.js';
import { generateBarColumns } from '../../adapters/market/generate-bars.js';
import {
  DEFAULT_SIM_INSTRUMENTS,
  toContractInstrument,
} from '../../adapters/market/instruments.js';
import { paperBacktest } from '../../compose/paper-backtest.js';
import type { BarColumns } from '../../ports/market-data.js';

const btc = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === 'BTC-USD');
if (!btc) throw new Error('no BTC-USD');
const MINUTE = 60_000;

/**
 * A fixed candle file: 3,000 one-minute candles in cents, written out as CSV and read back. Each
 * open gaps away from the previous close (the simulator opens at the last close, which would
 * make a next-open fill indistinguishable from a fill at the close).
 */
function fixedCsv(): BarColumns {
  const c = generateBarColumns({
    seed: 11,
    instrument: btc!,
    timeframe: '1m',
    count: 3000,
    startTime: Date.UTC(2026, 0, 5),
  });
  const lines = ['time,open,high,low,close,volume'];
  for (let i = 0; i < c.time.length; i++) {
    const close = c.close[i] ?? 0;
    const open = (c.open[i] ?? 0) * (1 + (i % 2 === 0 ? 3e-4 : -2e-4));
    const high = Math.max(c.high[i] ?? 0, open);
    const low = Math.min(c.low[i] ?? 0, open);
    const cents = [open, high, low, close].map((v) => v.toFixed(2));
    lines.push(`${c.time[i]},${cents.join(',')},${c.volume[i]}`);
  }
  return parseCsvBars({ text: lines.join('\n'), symbol: 'BTC-USD', timeframe: '1m' });
}

const series = fixedCsv();
const indexAt = new Map<number, number>();
for (let i = 0; i < series.time.length; i++) indexAt.set(series.time[i] ?? 0, i);

/** The candle opening at `t`. */
const candle = (t: number) => {
  const i = indexAt.get(t);
  if (i === undefined) throw new Error(`no candle opens at ${new Date(t).toISOString()}`);
  return { open: series.open[i] ?? 0, close: series.close[i] ?? 0 };
};

function run(
  settings: Partial<BacktestSettings>,
  o: { bars?: BarColumns; risk?: { sizingMode: 'down' | 'refuse' } } = {},
) {
  return paperBacktest({
    series: [o.bars ?? series],
    instruments: [toContractInstrument(btc!)],
    profiles: [
      makeProfile({
        id: 'fills',
        tenantId: 'backtest',
        strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20, kind: 'sma' } },
        risk: {
          maxOrderNotional: '1000000',
          maxPositionNotional: '1000000',
          maxDailyLoss: '1000000',
          maxDrawdownPct: '0.9',
          cooldownAfterLossMs: 0,
          ...o.risk,
        },
      }),
    ],
    persistence: 'off',
    settings: { run: BacktestSettings.parse(settings), capital: '10000' },
  });
}

const time = (iso: string) => Date.parse(iso);

describe('fill rules on a fixed CSV', () => {
  it('next_open fills every order at the open of the candle after its signal', async () => {
    const r = await run({ fillRule: 'next_open', slippage: { kind: 'fixed_bps', bps: 0 } });
    expect(r.trades.length).toBeGreaterThan(20);
    for (const t of r.trades) {
      // Filled as the next candle opened: at its open time and its open price.
      expect(Number(t.entryPrice)).toBe(candle(time(t.openedAt)).open);
      expect(Number(t.exitPrice)).toBe(candle(time(t.closedAt)).open);
    }
  });

  it('close fills every order at its signal candle close', async () => {
    const r = await run({ fillRule: 'close', slippage: { kind: 'fixed_bps', bps: 0 } });
    expect(r.trades.length).toBeGreaterThan(20);
    for (const t of r.trades) {
      // The clock stands at the signal candle's close time: the candle opened one minute before.
      expect(Number(t.entryPrice)).toBe(candle(time(t.openedAt) - MINUTE).close);
      expect(Number(t.exitPrice)).toBe(candle(time(t.closedAt) - MINUTE).close);
    }
  });

  it('never fills next_open at the signal close (every open in the file gaps)', async () => {
    const r = await run({ fillRule: 'next_open', slippage: { kind: 'fixed_bps', bps: 0 } });
    expect(r.trades.length).toBeGreaterThan(20);
    const closes = (t: Trade) => [
      candle(time(t.openedAt) - MINUTE),
      candle(time(t.closedAt) - MINUTE),
    ];
    for (const t of r.trades) {
      const [entrySignal, exitSignal] = closes(t);
      expect(Number(t.entryPrice)).not.toBe(entrySignal?.close);
      expect(Number(t.exitPrice)).not.toBe(exitSignal?.close);
    }
  });

  it('sizes every percent-of-cash entry at floor(cash x f / signal close) to the lot', async () => {
    const r = await run({
      fillRule: 'next_open',
      feeRate: '0.001',
      slippage: { kind: 'fixed_bps', bps: 5 },
      sizing: { mode: 'percent_cash', percent: '40' },
    });
    expect(r.trades.length).toBeGreaterThan(20);
    const S = 10n ** 18n;
    const fixed = (s: string) => {
      const [w = '0', f = ''] = s.replace('-', '').split('.');
      const v = BigInt(w) * S + BigInt(f.padEnd(18, '0'));
      return s.startsWith('-') ? -v : v;
    };
    const lot = fixed(btc.lotSize);
    // Flat between trades (one symbol, whole exits): cash before an entry is the capital plus
    // every earlier round trip's net PnL.
    let cash = fixed('10000');
    for (const t of r.trades) {
      const signalClose = fixed(String(candle(time(t.openedAt) - MINUTE).close));
      const lots = (cash * 40n * S) / (100n * signalClose * lot);
      expect(fixed(t.quantity)).toBe(lots * lot);
      cash += fixed(t.netPnl);
    }
  });

  it('slips market fills by bps of the signal candle range when asked', async () => {
    const r = await run({ fillRule: 'close', slippage: { kind: 'range_bps', bps: 5000 } });
    expect(r.trades.length).toBeGreaterThan(0);
    const i = indexAt.get(time(r.trades[0]?.openedAt ?? '') - MINUTE) ?? -1;
    const half = ((series.high[i] ?? 0) - (series.low[i] ?? 0)) / 2;
    // A buy at the close plus half the range, rounded up to the cent.
    expect(Number(r.trades[0]?.entryPrice)).toBeCloseTo((series.close[i] ?? 0) + half, 1);
    expect(Number(r.trades[0]?.entryPrice)).toBeGreaterThanOrEqual((series.close[i] ?? 0) + half);
  });

  it('never fills an order decided on the last candle (next_open)', async () => {
    const first = (await run({ fillRule: 'close' })).trades[0];
    // Cut the file right after the first entry's signal candle.
    const k = indexAt.get(time(first?.openedAt ?? '') - MINUTE) ?? -1;
    expect(k).toBeGreaterThan(0);
    const cut = (a: Float64Array) => a.subarray(0, k + 1);
    const bars: BarColumns = {
      ...series,
      time: cut(series.time),
      open: cut(series.open),
      high: cut(series.high),
      low: cut(series.low),
      close: cut(series.close),
      volume: cut(series.volume),
    };
    const next = await run({ fillRule: 'next_open' }, { bars });
    expect(next.unfilledAtEnd).toBe(1);
    expect(next.stats.fills).toBe(0);
    expect(Object.values(next.finalEquity)[0]).toBe('10000');
    // With close fills the same last candle's order fills at once.
    const close = await run({ fillRule: 'close' }, { bars });
    expect(close.unfilledAtEnd).toBe(0);
    expect(close.stats.fills).toBe(1);
  });

  it('refuses at the fill a buy that a gap to the open made too dear, never overdrawing', async () => {
    const r = await run(
      { fillRule: 'next_open', feeRate: '0.001', sizing: { mode: 'percent_cash', percent: '100' } },
      { risk: { sizingMode: 'down' } },
    );
    // Sized down to fit at the signal close; the even candles open 3 bp above the last close.
    expect(r.costs.refusedAtFill.INSUFFICIENT_FUNDS).toBeGreaterThan(0);
    expect(r.trades.length).toBeGreaterThan(0);
    let cash = 10_000;
    for (const t of r.trades) {
      // An entry never costs more than the cash there was.
      expect(Number(t.quantity) * Number(t.entryPrice)).toBeLessThanOrEqual(cash);
      cash += Number(t.netPnl);
    }
  });
});
