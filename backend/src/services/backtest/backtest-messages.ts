import type { BacktestJob, BacktestSummary } from '@bytelyst/trading-contracts';

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
