import type { Logger } from 'pino';
import type { BacktestResultStore, StoredEquityCurve } from '../../ports/backtest-results.js';
import type { TenantScope } from '../../ports/store.js';
import type { BacktestWorkerMessage } from './backtest-messages.js';

type TradesMessage = Extract<BacktestWorkerMessage, { kind: 'trades' }>;

/**
 * Writes one job's full results in the order the worker posts them, one write at a time: trade
 * batches, then the curve. `done()` resolves once the last write landed (true) or one failed
 * (false, the rest skipped), so the job is marked done only when all of them are stored.
 */
export class ResultsWriter {
  private chain: Promise<void> = Promise.resolve();
  private failed = false;

  constructor(
    private readonly o: {
      store: BacktestResultStore;
      scope: TenantScope;
      jobId: string;
      logger: Logger;
      /** Lets the service's idle and close wait for the writes. */
      track: (p: Promise<unknown>) => void;
    },
  ) {}

  private write(fn: () => Promise<void>): void {
    this.chain = this.chain
      .then(() => (this.failed ? undefined : fn()))
      .catch((err: unknown) => {
        this.failed = true;
        this.o.logger.error({ err, jobId: this.o.jobId }, 'storing backtest results failed');
      });
    this.o.track(this.chain);
  }

  trades(m: TradesMessage): void {
    const batch = { jobId: this.o.jobId, from: m.from, trades: m.trades };
    this.write(() => this.o.store.appendBacktestTrades(this.o.scope, batch));
  }

  curve(curve: StoredEquityCurve, tradeCount: number): void {
    const last = { jobId: this.o.jobId, curve, tradeCount };
    this.write(() => this.o.store.putBacktestCurve(this.o.scope, last));
  }

  async done(): Promise<boolean> {
    await this.chain;
    return !this.failed;
  }
}
