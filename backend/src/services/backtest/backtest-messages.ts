import type { BacktestJob, BacktestRequest, BacktestSummary } from '@bytelyst/trading-contracts';

/** What the service tells a backtest worker: one job at a time, the worker stays for the next. */
export type BacktestWorkerCommand = { kind: 'run'; request: BacktestRequest };

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
