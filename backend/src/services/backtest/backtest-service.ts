import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AppError, type BacktestJob, type BacktestRequest } from '@bytelyst/trading-contracts';
import type { Logger } from 'pino';
import type { BacktestWorkerCommand, BacktestWorkerMessage } from './backtest-messages.js';

const WORKER = new URL('./backtest-worker-entry.mjs', import.meta.url);
/** Jobs kept per user; the oldest finished ones are forgotten first. */
const KEEP_PER_USER = 20;
const TIMEOUT_MS = 5 * 60_000;
/** A warm worker with no job is let go after this long. */
const IDLE_MS = 120_000;

interface ParkedWorker {
  worker: Worker;
  timer: NodeJS.Timeout;
  onExit: () => void;
  /** An idle worker that throws must not take the process down with an unheard 'error'. */
  onError: (err: Error) => void;
}

interface Owner {
  tenantId: string;
  userId: string;
}

/** A parked worker leaves the pool: its idle timer and its idle-time listeners go. */
function detach(p: ParkedWorker): void {
  clearTimeout(p.timer);
  p.worker.off('exit', p.onExit).off('error', p.onError);
}

/**
 * Backtest jobs: queued, run one at a time in a worker thread (the machine's other core keeps
 * serving the API and the live loop), with progress the surfaces poll. A worker that finished a
 * job cleanly is kept warm for the next one; a cancelled, failed or timed-out one is terminated.
 * Results live in memory: a backtest is a reproducible computation (same request, same seed,
 * same result), not a record.
 */
export class BacktestService {
  private readonly jobs = new Map<string, BacktestJob>();
  private readonly queue: string[] = [];
  /** How each running job is finished (first outcome wins), for cancel to use. */
  private readonly settle = new Map<string, (patch: Partial<BacktestJob>) => void>();
  private readonly parked: ParkedWorker[] = [];
  private running = 0;
  private closed = false;

  constructor(private readonly o: { logger: Logger; concurrency?: number; idleMs?: number }) {}

  submit(owner: Owner, request: BacktestRequest): BacktestJob {
    // After close nothing would ever start it: refuse instead of queueing forever.
    if (this.closed) throw new AppError('NOT_READY', 'Backtests are shutting down on this server.');
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
      // The worker is terminated, never reused: it may be mid-run.
      this.settle.get(id)?.({ status: 'cancelled' });
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
    while (!this.closed && this.running < (this.o.concurrency ?? 1) && this.queue.length) {
      const id = this.queue.shift();
      const job = id ? this.jobs.get(id) : undefined;
      if (job) this.start(job);
    }
  }

  private start(job: BacktestJob): void {
    this.running++;
    job.status = 'running';
    job.startedAt = new Date().toISOString();
    const worker = this.takeWorker();
    let settled = false;
    const finish = (patch: Partial<BacktestJob>, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      this.settle.delete(job.id);
      Object.assign(job, patch, { finishedAt: new Date().toISOString() });
      this.running--;
      if (reusable) this.park(worker);
      else void worker.terminate();
      this.pump();
    };
    const timer = setTimeout(
      () => finish({ status: 'failed', error: 'The backtest took too long and was stopped.' }),
      TIMEOUT_MS,
    );
    const onMessage = (m: BacktestWorkerMessage) => {
      if (m.kind === 'progress') job.progress = Math.min(1, Math.max(job.progress, m.progress));
      else if (m.kind === 'done')
        finish(
          {
            status: 'done',
            progress: 1,
            summary: m.summary,
            equityCurve: m.equityCurve,
            trades: m.trades,
            prices: m.prices,
          },
          true,
        );
      // A run that threw may have left anything behind in its thread: not reused.
      else finish({ status: 'failed', error: m.error.slice(0, 500) });
    };
    const onError = (err: Error) => {
      this.o.logger.error({ err, jobId: job.id }, 'backtest worker failed');
      finish({ status: 'failed', error: 'The backtest failed unexpectedly.' });
    };
    const onExit = () => finish({ status: 'failed', error: 'The backtest stopped unexpectedly.' });
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    this.settle.set(job.id, finish);
    const command: BacktestWorkerCommand = { kind: 'run', request: job.request };
    worker.postMessage(command);
  }

  /** A parked warm worker, else a new one. */
  private takeWorker(): Worker {
    const parked = this.parked.pop();
    if (parked) {
      detach(parked);
      parked.worker.ref();
      return parked.worker;
    }
    return new Worker(WORKER);
  }

  /**
   * Keeps a worker that finished cleanly for the next job (up to the concurrency), unreferenced
   * so it never holds the process open, and lets it go after IDLE_MS without work.
   */
  private park(worker: Worker): void {
    if (this.closed || this.parked.length >= Math.max(1, this.o.concurrency ?? 1)) {
      void worker.terminate();
      return;
    }
    const entry: ParkedWorker = {
      worker,
      timer: setTimeout(() => this.unpark(entry, true), this.o.idleMs ?? IDLE_MS),
      onExit: () => this.unpark(entry, false),
      onError: (err) => {
        this.o.logger.warn({ err }, 'idle backtest worker failed; letting it go');
        this.unpark(entry, true);
      },
    };
    entry.timer.unref();
    worker.on('exit', entry.onExit).on('error', entry.onError);
    worker.unref();
    this.parked.push(entry);
  }

  private unpark(entry: ParkedWorker, terminate: boolean): void {
    const at = this.parked.indexOf(entry);
    if (at >= 0) this.parked.splice(at, 1);
    detach(entry);
    if (terminate) void entry.worker.terminate();
  }

  /** Warm workers waiting for a job (what the tests watch). */
  get warmWorkers(): number {
    return this.parked.length;
  }

  /** Stops every worker: running jobs end as cancelled, queued ones never start. */
  async close(): Promise<void> {
    this.closed = true;
    for (const id of this.queue.splice(0)) {
      const job = this.jobs.get(id);
      if (job) Object.assign(job, { status: 'cancelled', finishedAt: new Date().toISOString() });
    }
    for (const finish of [...this.settle.values()]) finish({ status: 'cancelled' });
    await Promise.all(
      this.parked.splice(0).map((p) => {
        detach(p);
        return p.worker.terminate();
      }),
    );
  }

  /** Waits for running jobs (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running > 0 || this.queue.length > 0) await new Promise((r) => setTimeout(r, 50));
  }
}
