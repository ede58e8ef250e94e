import type { BacktestSettings, Instrument } from '@bytelyst/trading-contracts';
import {
  PaperExchange,
  type PaperExchangeOptions,
} from '../adapters/exchange/paper/paper-exchange.js';
import { ReplayFeed } from '../adapters/market/csv-replay.js';
import {
  type BacktestOptions,
  type BacktestResult,
  type EngineConfigInput,
  runBacktest,
} from '../engine/index.js';
import { TestClock } from '../ports/clock.js';
import type { BarColumns } from '../ports/market-data.js';

export interface PaperBacktestOptions extends Omit<BacktestOptions, 'clock' | 'feed' | 'venue'> {
  readonly series: readonly BarColumns[];
  readonly instruments: readonly Instrument[];
  readonly exchange?: Partial<Omit<PaperExchangeOptions, 'clock' | 'instruments'>>;
  /**
   * A run's settings (docs/BACKTESTING.md): fill rule, fee, slippage and sizing for the venue
   * and the engine, the venue's cash checked against `capital`. Without them the venue keeps its
   * defaults and orders fill at the close (how runs before settings existed behaved).
   */
  readonly settings?: { readonly run: BacktestSettings; readonly capital: string };
}

/** The venue terms and engine config a run's settings stand for. */
function termsOf(s: NonNullable<PaperBacktestOptions['settings']>): {
  exchange: Partial<PaperExchangeOptions>;
  config: EngineConfigInput;
} {
  const r = s.run;
  return {
    exchange: {
      takerFeeRate: r.feeRate,
      makerFeeRate: r.feeRate,
      slippageModel: r.slippage,
      marketFills: r.fillRule === 'next_open' ? 'next_open' : 'immediate',
      checkCash: true,
      startingCash: s.capital,
    },
    config: {
      feeRateBound: r.feeRate,
      // A range-scaled slip has no bound in bps; the venue refuses what cash cannot pay.
      slippageBoundBps: r.slippage.kind === 'fixed_bps' ? r.slippage.bps : 0,
      entrySizing: r.sizing,
    },
  };
}

/**
 * A backtest as the product runs it: candle columns replayed on a test clock into the paper
 * exchange. The engine's runner knows only the ports; this is where the two adapters are chosen.
 */
export function paperBacktest(options: PaperBacktestOptions): Promise<BacktestResult> {
  const { series, instruments, exchange, settings, ...rest } = options;
  const terms = settings ? termsOf(settings) : { exchange: {}, config: {} };
  const clock = new TestClock(series[0]?.time[0] ?? 0);
  // The runner awaits each candle's work before the next, so the feed may reuse one bar object.
  const feed = new ReplayFeed({ clock, series, instruments, reuseBar: true });
  const venue = new PaperExchange({
    clock,
    instruments,
    latencyMs: 0,
    ...terms.exchange,
    ...exchange,
  });
  return runBacktest({
    ...rest,
    config: { ...terms.config, ...rest.config },
    fillRule: settings?.run.fillRule ?? rest.fillRule ?? 'close',
    clock,
    feed,
    venue,
  });
}
