import type { BacktestRequest } from '@bytelyst/trading-contracts';
import type { BarColumns } from '../ports/market-data.js';
import type { TenantScope } from '../ports/store.js';
import type { BacktestOutput } from '../services/backtest/backtest-messages.js';
import { TrialFailed, type TrialRunner } from '../services/research/trial-runner.js';
import { runBacktest } from './backtest-run.js';

/**
 * Trials on this thread over a given history (tests: a constructed series; the same
 * `runBacktest` the worker runs, so the same slicing by the trial's date range).
 */
export class InlineTrialRunner implements TrialRunner {
  constructor(private readonly history: (request: BacktestRequest) => BarColumns) {}

  async run(request: BacktestRequest, _scope: TenantScope): Promise<BacktestOutput> {
    try {
      return await runBacktest(request, this.history(request));
    } catch (err) {
      throw new TrialFailed(err instanceof Error ? err.message : String(err));
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
