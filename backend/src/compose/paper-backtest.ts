import {
  type BacktestSettings,
  type BacktestStatistics,
  type Instrument,
  TIMEFRAME_MS,
  type Timeframe,
} from '@bytelyst/trading-contracts';
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
import { backtestStatistics } from '../domain/portfolio/backtest-statistics.js';
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

/** Entries refused by the gate, by the venue at the fill, and orders the data ended before. */
function refusedEntries(r: BacktestResult): Record<string, number> {
  const out: Record<string, number> = { ...r.stats.refusedEntries };
  for (const [k, v] of Object.entries(r.costs.refusedAtFill)) out[k] = (out[k] ?? 0) + v;
  if (r.unfilledAtEnd > 0) out.UNFILLED_AT_END = r.unfilledAtEnd;
  return out;
}

/** A finished run's statistics over every candle's equity (docs/BACKTESTING.md, "Statistics"). */
export function runStatistics(
  result: BacktestResult,
  input: { series: BarColumns; capital: string; timeframe: Timeframe; riskFreeRate: number },
): BacktestStatistics {
  const candles = input.series.time.length;
  return backtestStatistics({
    startEquity: Number(input.capital),
    times: result.equitySeries.times,
    equity: result.equitySeries.equity,
    periodMs: TIMEFRAME_MS[input.timeframe],
    riskFreeRate: input.riskFreeRate,
    trades: result.trades,
    exposedCandles: result.exposedCandles,
    fees: result.costs.fees,
    slippage: result.costs.slippage,
    firstOpen: input.series.open[0] ?? 0,
    lastClose: input.series.close[candles - 1] ?? 0,
    refusedEntries: refusedEntries(result),
  });
}
