import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AppError, type BacktestJob, type BacktestRequest } from '@bytelyst/trading-contracts';
import type { Logger } from 'pino';
import type { BacktestWorkerMessage } from './backtest-messages.js';

const WORKER = new URL('./backtest-worker-entry.mjs', import.meta.url);
/** Jobs kept per user; the oldest finished ones are forgotten first. */
const KEEP_PER_USER = 20;
const TIMEOUT_MS = 5 * 60_000;

interface Owner {
  tenantId: string;
  userId: string;
}

/**
 * Backtest jobs: queued, run one at a time in a worker thread (the machine's other core keeps
 * serving the API and the live loop), with progress the surfaces poll. Results live in memory:
 * a backtest is a reproducible computation (same request, same seed, same result), not a record.
 */
export class BacktestService {
  private readonly jobs = new Map<string, BacktestJob>();
  private readonly queue: string[] = [];
  private readonly workers = new Map<string, Worker>();
  /** How each running job is finished (first outcome wins), for cancel to use. */
  private readonly settle = new Map<string, (patch: Partial<BacktestJob>) => void>();
  private running = 0;

  constructor(private readonly o: { logger: Logger; concurrency?: number }) {}

  submit(owner: Owner, request: BacktestRequest): BacktestJob {
    const active = [...this.jobs.values()].filter(
      (j) =>
        j.userId === owner.userId &&
        j.tenantId === owner.tenantId &&
        (j.status === 'queued' || j.status === 'running'),
    );
    if (active.length >= 2)
      throw new AppError(
        'RATE_LIMITED',
        'Two backtests are already queued or running; wait for one to finish.',
      );
    const job: BacktestJob = {
      id: `bt-${randomUUID()}`,
      tenantId: owner.tenantId,
      userId: owner.userId,
      request,
      status: 'queued',
      progress: 0,
      error: null,
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      summary: null,
      equityCurve: [],
      trades: [],
      prices: [],
    };
    this.jobs.set(job.id, job);
    this.forgetOld(owner);
    this.queue.push(job.id);
    this.pump();
    return job;
  }

  get(owner: Owner, id: string): BacktestJob {
    const job = this.jobs.get(id);
    // Someone else's job answers exactly like a missing one.
    if (!job || job.tenantId !== owner.tenantId || job.userId !== owner.userId)
      throw new AppError('NOT_FOUND', 'No such backtest.');
    return job;
  }

  /**
   * Stops a queued or running job: a queued one never starts, a running one's worker is
   * terminated at once. Idempotent: a finished (or already cancelled) job comes back unchanged.
   */
  cancel(owner: Owner, id: string): BacktestJob {
    const job = this.get(owner, id);
    if (job.status === 'queued') {
      const at = this.queue.indexOf(id);
      if (at >= 0) this.queue.splice(at, 1);
      Object.assign(job, { status: 'cancelled', finishedAt: new Date().toISOString() });
    } else if (job.status === 'running') {
      this.settle.get(id)?.({ status: 'cancelled' });
      void this.workers.get(id)?.terminate();
    }
    return job;
  }

  list(owner: Owner): BacktestJob[] {
    return [...this.jobs.values()]
      .filter((j) => j.tenantId === owner.tenantId && j.userId === owner.userId)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }

  private forgetOld(owner: Owner): void {
    const mine = this.list(owner).filter(
      (j) => j.status === 'done' || j.status === 'failed' || j.status === 'cancelled',
    );
    for (const j of mine.slice(KEEP_PER_USER)) this.jobs.delete(j.id);
  }

  private pump(): void {
    while (this.running < (this.o.concurrency ?? 1) && this.queue.length) {
      const id = this.queue.shift();
      const job = id ? this.jobs.get(id) : undefined;
      if (job) this.start(job);
    }
  }

  private start(job: BacktestJob): void {
    this.running++;
    job.status = 'running';
    job.startedAt = new Date().toISOString();
    const worker = new Worker(WORKER, { workerData: job.request });
    const timer = setTimeout(() => void worker.terminate(), TIMEOUT_MS);
    let settled = false;
    const finish = (patch: Partial<BacktestJob>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      this.workers.delete(job.id);
      this.settle.delete(job.id);
      Object.assign(job, patch, { finishedAt: new Date().toISOString() });
      this.running--;
      this.pump();
    };
    this.workers.set(job.id, worker);
    this.settle.set(job.id, finish);
    worker.on('message', (m: BacktestWorkerMessage) => {
      if (m.kind === 'progress') job.progress = Math.min(1, Math.max(job.progress, m.progress));
      else if (m.kind === 'done') {
        finish({
          status: 'done',
          progress: 1,
          summary: m.summary,
          equityCurve: m.equityCurve,
          trades: m.trades,
          prices: m.prices,
        });
        void worker.terminate();
      } else finish({ status: 'failed', error: m.error.slice(0, 500) });
    });
    worker.on('error', (err) => {
      this.o.logger.error({ err, jobId: job.id }, 'backtest worker failed');
      finish({ status: 'failed', error: 'The backtest failed unexpectedly.' });
    });
    worker.on('exit', (code) =>
      finish({
        status: 'failed',
        error:
          code === 1
            ? 'The backtest stopped unexpectedly.'
            : 'The backtest took too long and was stopped.',
      }),
    );
  }

  /** Waits for running jobs (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running > 0 || this.queue.length > 0) await new Promise((r) => setTimeout(r, 50));
  }
}
