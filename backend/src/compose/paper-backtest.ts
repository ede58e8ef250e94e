import type { Instrument } from '@bytelyst/trading-contracts';
import {
  PaperExchange,
  type PaperExchangeOptions,
} from '../adapters/exchange/paper/paper-exchange.js';
import { ReplayFeed } from '../adapters/market/csv-replay.js';
import { type BacktestOptions, type BacktestResult, runBacktest } from '../engine/index.js';
import { TestClock } from '../ports/clock.js';
import type { BarColumns } from '../ports/market-data.js';

export interface PaperBacktestOptions extends Omit<BacktestOptions, 'clock' | 'feed' | 'venue'> {
  readonly series: readonly BarColumns[];
  readonly instruments: readonly Instrument[];
  readonly exchange?: Partial<Omit<PaperExchangeOptions, 'clock' | 'instruments'>>;
}

/**
 * A backtest as the product runs it: candle columns replayed on a test clock into the paper
 * exchange. The engine's runner knows only the ports; this is where the two adapters are chosen.
 */
export function paperBacktest(options: PaperBacktestOptions): Promise<BacktestResult> {
  const { series, instruments, exchange, ...rest } = options;
  const clock = new TestClock(series[0]?.time[0] ?? 0);
  // The runner awaits each candle's work before the next, so the feed may reuse one bar object.
  const feed = new ReplayFeed({ clock, series, instruments, reuseBar: true });
  const venue = new PaperExchange({ clock, instruments, latencyMs: 0, ...exchange });
  return runBacktest({ ...rest, clock, feed, venue });
}
