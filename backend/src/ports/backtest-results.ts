import type { BacktestTrade, Trade } from '@bytelyst/trading-contracts';
import type { TenantScope } from './scope.js';

/** The equity curve of a run at full resolution: every close where the equity changed. */
export interface StoredEquityCurve {
  /** Epoch ms, increasing. */
  times: Float64Array;
  equity: Float64Array;
}

/**
 * A finished run's full trade list and full-resolution curve (migration 0024), written by the
 * backtest service while the worker posts them, before the job is marked done.
 */
export interface BacktestResultStore {
  /**
   * Stores `trades` as seq `from`, `from + 1`, ...; a seq already stored keeps its row, so a
   * batch written twice (a retry, a result posted again) changes nothing.
   */
  appendBacktestTrades(
    scope: TenantScope,
    input: { jobId: string; from: number; trades: readonly Trade[] },
  ): Promise<void>;
  /**
   * Stores the curve with the run's trade count, after every trade batch: its row is what says
   * the full results are complete. Writing it again replaces it with the same values.
   */
  putBacktestCurve(
    scope: TenantScope,
    input: { jobId: string; curve: StoredEquityCurve; tradeCount: number },
  ): Promise<void>;
  /** Counts of the stored full results; null when there are none (a run from before 0024). */
  backtestResultCounts(
    scope: TenantScope,
    input: { jobId: string },
  ): Promise<{ trades: number; points: number } | null>;
  /** Trades with seq above `after` (all when null), in seq order, at most `limit`. */
  listBacktestTrades(
    scope: TenantScope,
    input: { jobId: string; after: number | null; limit: number },
  ): Promise<BacktestTrade[]>;
  getBacktestCurve(scope: TenantScope, input: { jobId: string }): Promise<StoredEquityCurve | null>;
}
