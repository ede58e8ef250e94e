import type { BacktestJob, BacktestRequest, BacktestSummary } from '@bytelyst/trading-contracts';
import type { TrainedModel } from '../../domain/models/model.js';

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
};

/** What one backtest yields (the worker posts it with `done`). */
export interface BacktestOutput {
  summary: BacktestSummary;
  equityCurve: BacktestJob['equityCurve'];
  trades: BacktestJob['trades'];
  prices: BacktestJob['prices'];
}

/** What a backtest worker tells the service. */
export type BacktestWorkerMessage =
  | { kind: 'progress'; progress: number }
  | {
      kind: 'done';
      summary: BacktestSummary;
      equityCurve: BacktestJob['equityCurve'];
      trades: BacktestJob['trades'];
      prices: BacktestJob['prices'];
    }
  | { kind: 'failed'; error: string };
