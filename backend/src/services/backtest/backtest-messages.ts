import type {
  BacktestJob,
  BacktestRequest,
  BacktestSummary,
  Trade,
} from '@bytelyst/trading-contracts';
import type { TrainedModel } from '../../domain/models/model.js';
import type { StoredEquityCurve } from '../../ports/backtest-results.js';

/** Candle columns read from the market data store, handed to the worker (buffers transferred). */
export interface StoredCandleColumns {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/**
 * What the service tells a backtest worker: one job at a time, the worker stays for the next.
 * `candles` is the stored series of a `stored` source, already cut to the date range.
 */
export type BacktestWorkerCommand = {
  kind: 'run';
  request: BacktestRequest;
  candles?: StoredCandleColumns;
  /** A model strategy's trained model (the worker has no registry of its own). */
  model?: TrainedModel;
  /**
   * Post the full trade list (`trades` batches) and the full curve (with `done`) for the store.
   * A job asks for them; a parameter-search trial does not (it keeps only its summary).
   */
  full?: boolean;
};

/** Trades per `trades` message: bounded messages, and the service writes one batch per message. */
export const TRADE_BATCH = 1000;

/** What one backtest yields (the worker posts it with `done`). */
export interface BacktestOutput {
  summary: BacktestSummary;
  equityCurve: BacktestJob['equityCurve'];
  trades: BacktestJob['trades'];
  prices: BacktestJob['prices'];
}

/** Everything a run produced, beyond what its job row keeps (`full` of a run). */
export interface FullBacktestResults {
  /** Every closed trade, in the order they closed. */
  trades: Trade[];
  /** The equity where it changed (domain/portfolio/equity-changes.ts). */
  curve: StoredEquityCurve;
}

/** What a backtest worker tells the service. */
export type BacktestWorkerMessage =
  | { kind: 'progress'; progress: number }
  /** With `full`: trades `from`, `from + 1`, ... of the run, posted before `done`. */
  | { kind: 'trades'; from: number; trades: Trade[] }
  | {
      kind: 'done';
      summary: BacktestSummary;
      equityCurve: BacktestJob['equityCurve'];
      trades: BacktestJob['trades'];
      prices: BacktestJob['prices'];
      /** With `full`: the curve at full resolution (its buffers transferred). */
      curve?: StoredEquityCurve;
    }
  | { kind: 'failed'; error: string };
