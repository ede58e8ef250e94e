import { TIMEFRAME_MS, type Timeframe } from '@bytelyst/trading-contracts';
import type { BarColumns } from '../../ports/market-data.js';
import type { SimInstrument } from './instruments.js';
import { PricePath } from './price-path.js';

/**
 * Candles straight from the seeded price path, one path step per candle (volatility scaled to the
 * timeframe). Deterministic in (seed, symbol). Used to feed long backtests without a CSV file.
 */
export function generateBarColumns(o: {
  seed: number;
  instrument: SimInstrument;
  timeframe: Timeframe;
  count: number;
  startTime: number;
}): BarColumns {
  const n = o.count;
  const ms = TIMEFRAME_MS[o.timeframe];
  const scale = Math.sqrt(ms / 1000) / 4;
  const path = new PricePath({
    seed: o.seed,
    symbol: o.instrument.symbol,
    startPrice: o.instrument.startPrice,
    vol: o.instrument.vol * scale,
    tickSize: Number(o.instrument.tickSize),
  });
  const cols: BarColumns = {
    symbol: o.instrument.symbol,
    timeframe: o.timeframe,
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  const tick = Number(o.instrument.tickSize);
  let prev = path.next();
  for (let i = 0; i < n; i++) {
    const close = path.next();
    const wiggle = Math.abs(close - prev) * 0.5 + tick;
    cols.time[i] = o.startTime + i * ms;
    cols.open[i] = prev;
    cols.high[i] = Math.round((Math.max(prev, close) + wiggle) / tick) * tick;
    cols.low[i] = Math.max(tick, Math.round((Math.min(prev, close) - wiggle) / tick) * tick);
    cols.close[i] = close;
    cols.volume[i] = path.volume();
    prev = close;
  }
  return cols;
}
