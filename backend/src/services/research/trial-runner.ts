import { Worker } from 'node:worker_threads';
import { AppError, type BacktestRequest } from '@bytelyst/trading-contracts';
import type { CandleRangeReader } from '../../ports/candle-store.js';
import type { TenantScope } from '../../ports/store.js';
import type {
  BacktestOutput,
  BacktestWorkerCommand,
  BacktestWorkerMessage,
  StoredCandleColumns,
} from '../backtest/backtest-messages.js';
import { readStoredCandles, transferables } from '../backtest/stored-candles.js';

/**
 * Runs one trial's backtest; a deterministic failure (no candles in range) rejects. A stored
 * source is read in `scope` (the search's tenant) and nowhere else.
 */
export interface TrialRunner {
  run(request: BacktestRequest, scope: TenantScope): Promise<BacktestOutput>;
  close(): Promise<void>;
}

const WORKER = new URL('../backtest/backtest-worker-entry.mjs', import.meta.url);

/**
 * Trials on warm worker threads (the backtest worker): at most `size` at once, each thread kept
 * for the next trial; one that crashed or failed is replaced, never reused. A stored source's
 * candles of the trial's range are read here, as `BacktestService` reads a single run's, and
 * moved to the thread.
 */
export class WorkerTrialRunner implements TrialRunner {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly candles?: CandleRangeReader,
  ) {}

  async run(request: BacktestRequest, scope: TenantScope): Promise<BacktestOutput> {
    if (this.closed) throw new Error('the trial runner is closed');
    const candles = await this.read(request, scope);
    while (this.busy.size >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    const worker = this.idle.pop() ?? new Worker(WORKER);
    this.busy.add(worker);
    let reusable = false;
    try {
      const out = await new Promise<BacktestOutput>((resolve, reject) => {
        const done = () =>
          worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        const onMessage = (m: BacktestWorkerMessage) => {
          // A trial never asks for the full results; `trades` would only come from one that did.
          if (m.kind === 'progress' || m.kind === 'trades') return;
          done();
          if (m.kind === 'done') {
            reusable = true;
            resolve({
              summary: m.summary,
              equityCurve: m.equityCurve,
              trades: m.trades,
              prices: m.prices,
            });
          } else reject(new TrialFailed(m.error));
        };
        const onError = (err: Error) => (done(), reject(err));
        const onExit = () => (done(), reject(new Error('the trial worker stopped')));
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        const command: BacktestWorkerCommand = {
          kind: 'run',
          request,
          ...(candles ? { candles } : {}),
        };
        worker.postMessage(command, transferables(candles));
      });
      return out;
    } finally {
      this.busy.delete(worker);
      if (reusable && !this.closed) this.idle.push(worker);
      else void worker.terminate();
      this.waiting.shift()?.();
    }
  }

  /**
   * Read before a thread is taken, so a slow read holds no thread. A refusal (too many candles,
   * no store) fails the trial; anything else (a lost connection) is thrown on for a retry.
   */
  private async read(
    request: BacktestRequest,
    scope: TenantScope,
  ): Promise<StoredCandleColumns | undefined> {
    try {
      return await readStoredCandles(this.candles, { scope, request });
    } catch (err) {
      if (err instanceof AppError) throw new TrialFailed(err.message);
      throw err;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.idle.splice(0), ...this.busy].map((w) => w.terminate()));
    for (const w of this.waiting.splice(0)) w();
  }
}

/** The trial itself failed (bad range, no candles): stored as a failed trial, not retried. */
export class TrialFailed extends Error {}
