import { Worker } from 'node:worker_threads';
import type { BacktestRequest } from '@bytelyst/trading-contracts';
import type {
  BacktestOutput,
  BacktestWorkerCommand,
  BacktestWorkerMessage,
} from '../backtest/backtest-messages.js';

/** Runs one trial's backtest; a deterministic failure (no candles in range) rejects. */
export interface TrialRunner {
  run(request: BacktestRequest): Promise<BacktestOutput>;
  close(): Promise<void>;
}

const WORKER = new URL('../backtest/backtest-worker-entry.mjs', import.meta.url);

/**
 * Trials on warm worker threads (the backtest worker, simulated data): at most `size` at once,
 * each thread kept for the next trial; one that crashed or failed is replaced, never reused.
 */
export class WorkerTrialRunner implements TrialRunner {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(private readonly size: number) {}

  async run(request: BacktestRequest): Promise<BacktestOutput> {
    if (this.closed) throw new Error('the trial runner is closed');
    while (this.busy.size >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    const worker = this.idle.pop() ?? new Worker(WORKER);
    this.busy.add(worker);
    let reusable = false;
    try {
      const out = await new Promise<BacktestOutput>((resolve, reject) => {
        const done = () =>
          worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        const onMessage = (m: BacktestWorkerMessage) => {
          if (m.kind === 'progress') return;
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
        const command: BacktestWorkerCommand = { kind: 'run', request };
        worker.postMessage(command);
      });
      return out;
    } finally {
      this.busy.delete(worker);
      if (reusable && !this.closed) this.idle.push(worker);
      else void worker.terminate();
      this.waiting.shift()?.();
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
