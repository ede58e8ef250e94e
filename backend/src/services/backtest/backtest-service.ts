import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AppError, type BacktestJob, type BacktestRequest } from '@bytelyst/trading-contracts';
import type { Logger } from 'pino';
import {
  type BacktestJobStore,
  type BacktestResultParts,
  type TenantScope,
  tenantScope,
} from '../../ports/store.js';
import type { CandleRangeReader, CandleStore } from '../../ports/candle-store.js';
import type {
  BacktestWorkerCommand,
  BacktestWorkerMessage,
  StoredCandleColumns,
} from './backtest-messages.js';
import { readStoredCandles, requireStoredSeries, transferables } from './stored-candles.js';
import type { ModelVersionState } from '../../domain/strategies/model-strategy.js';
import type { BacktestResultStore } from '../../ports/backtest-results.js';
import { BacktestResults } from './backtest-results.js';
import { ResultsWriter } from './results-writer.js';

const WORKER = new URL('./backtest-worker-entry.mjs', import.meta.url);
/** Finished jobs kept per user; the oldest are forgotten first. */
const KEEP_PER_USER = 20;
/** Queued or running jobs per user, across instances. */
const MAX_ACTIVE_PER_USER = 2;
const STALE_MS = 60_000;
const HEARTBEAT_MS = 15_000;
const PROGRESS_WRITE_MS = 250;
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

/** A job this instance queued and runs. */
interface LocalJob {
  readonly owner: Owner;
  readonly request: BacktestRequest;
  progress: number;
  /** Ends the running job (first outcome wins); resolves when its row says so. Set while it runs. */
  settle: ((outcome: Outcome) => Promise<void>) | null;
}

type Outcome =
  | { status: 'done'; result: BacktestResultParts }
  | { status: 'failed'; error: string }
  | { status: 'cancelled' };

export interface BacktestServiceOptions {
  logger: Logger;
  /** Where jobs live, so every instance can answer for them (`backtest_jobs`). */
  store: BacktestJobStore;
  /** Finished runs' full trade lists and curves, written before a job is marked done. */
  results: BacktestResultStore;
  /** Names this process as the runner of the jobs it queues. */
  instanceId: string;
  concurrency?: number;
  idleMs?: number;
  /** An active job not heard of for this long is failed by any instance (its runner is gone). */
  staleMs?: number;
  /** How often this instance says its queued and running jobs are alive. */
  heartbeatMs?: number;
  /** Progress reaches the database at most this often per job (and brings back cancels). */
  progressWriteMs?: number;
  /** The market data store, for requests whose source is a stored series. */
  candles?: CandleRangeReader & Pick<CandleStore, 'getSeries'>;
  /** The registry's loaded versions, for model strategies (a tenant sees its own only). */
  models?: { forTenant(tenantId: string, version: string): ModelVersionState | undefined };
}

/** A parked worker leaves the pool: its idle timer and its idle-time listeners go. */
function detach(p: ParkedWorker): void {
  clearTimeout(p.timer);
  p.worker.off('exit', p.onExit).off('error', p.onError);
}

const nowIso = (): string => new Date().toISOString();

/**
 * Backtest jobs: queued, run one at a time in a worker thread (the machine's other core keeps
 * serving the API and the live loop), with progress the surfaces poll. A worker that finished a
 * job cleanly is kept warm for the next one; a cancelled, failed or timed-out one is terminated.
 *
 * Jobs are rows in the store, so a poll or a cancel may land on any instance: the instance that
 * queued a job runs it, writes its progress (throttled) and its result; a cancel from elsewhere
 * is read back with the next progress write. An instance that dies leaves its jobs to be failed
 * by the others once they have not been heard of for `staleMs`, or by itself when it restarts.
 */
export class BacktestService {
  private readonly local = new Map<string, LocalJob>();
  private readonly queue: string[] = [];
  private readonly parked: ParkedWorker[] = [];
  /** Store writes not finished yet (idle and close wait for them). */
  private readonly writes = new Set<Promise<unknown>>();
  /** Jobs being moved to running, for submit to answer with the state it reached. */
  private readonly starting = new Map<string, Promise<void>>();
  private running = 0;
  private closed = false;
  private heartbeat: NodeJS.Timeout | null = null;
  /** Reads of finished runs' full trade lists and curves. */
  readonly results: BacktestResults;

  constructor(private readonly o: BacktestServiceOptions) {
    this.results = new BacktestResults({
      store: o.results,
      job: (owner, id) => this.get(owner, id),
    });
  }

  /**
   * Fails this instance's jobs from before a restart and everyone's stale ones, then keeps this
   * instance's jobs alive and sweeps stale ones every `heartbeatMs`.
   */
  async start(): Promise<void> {
    await this.failStale(this.o.instanceId);
    this.heartbeat ??= setInterval(() => {
      void this.track(
        this.o.store
          .heartbeatBacktests({
            instanceId: this.o.instanceId,
            ids: [...this.local.keys()],
            at: nowIso(),
          })
          .then(() => this.failStale(null)),
      );
    }, this.o.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private async failStale(alsoOf: string | null): Promise<void> {
    const failed = await this.o.store.failStaleBacktests({
      before: new Date(Date.now() - (this.o.staleMs ?? STALE_MS)).toISOString(),
      at: nowIso(),
      alsoOf,
      error: 'The server running this backtest stopped; run it again.',
    });
    if (failed > 0) this.o.logger.warn({ failed }, 'backtests of a stopped server marked failed');
  }

  async submit(owner: Owner, request: BacktestRequest): Promise<BacktestJob> {
    // After close nothing would ever start it: refuse instead of queueing forever.
    if (this.closed) throw new AppError('NOT_READY', 'Backtests are shutting down on this server.');
    await this.assertSource(owner, request);
    const job: BacktestJob = {
      id: `bt-${randomUUID()}`,
      tenantId: owner.tenantId,
      userId: owner.userId,
      request,
      status: 'queued',
      progress: 0,
      error: null,
      createdAt: nowIso(),
      startedAt: null,
      finishedAt: null,
      summary: null,
      equityCurve: [],
      trades: [],
      prices: [],
    };
    await this.o.store.insertBacktest(tenantScope(owner.tenantId), {
      job,
      instanceId: this.o.instanceId,
      maxActive: MAX_ACTIVE_PER_USER,
      keep: KEEP_PER_USER,
    });
    this.local.set(job.id, { owner, request, progress: 0, settle: null });
    this.queue.push(job.id);
    this.pump();
    await this.starting.get(job.id);
    return this.get(owner, job.id);
  }

  /** A stored source must name a series of the caller's tenant (else: refused at once). */
  private async assertSource(owner: Owner, request: BacktestRequest): Promise<void> {
    const scope = tenantScope(owner.tenantId);
    await requireStoredSeries(this.o.candles, { scope, request, path: 'body.source' });
  }

  /** The stored candles a job replays, cut to its date range (none for a simulated source). */
  private storedCandles(
    scope: TenantScope,
    request: BacktestRequest,
  ): Promise<StoredCandleColumns | undefined> {
    return readStoredCandles(this.o.candles, { scope, request });
  }

  async get(owner: Owner, id: string): Promise<BacktestJob> {
    const job = await this.o.store.getBacktest(tenantScope(owner.tenantId), {
      userId: owner.userId,
      id,
    });
    // Someone else's job answers exactly like a missing one.
    if (!job) throw new AppError('NOT_FOUND', 'No such backtest.');
    return job;
  }

  /**
   * Stops a queued or running job: a queued one never starts; a running one here has its worker
   * terminated at once, one on another instance stops at its next progress write. Idempotent: a
   * finished (or already cancelled) job comes back unchanged.
   */
  async cancel(owner: Owner, id: string): Promise<BacktestJob> {
    const scope = tenantScope(owner.tenantId);
    const job = await this.o.store.cancelBacktest(scope, {
      userId: owner.userId,
      id,
      at: nowIso(),
    });
    if (!job) throw new AppError('NOT_FOUND', 'No such backtest.');
    const mine = this.local.get(id);
    if (!mine) return job;
    const at = this.queue.indexOf(id);
    if (at >= 0) {
      this.queue.splice(at, 1);
      this.local.delete(id);
      return job;
    }
    // Being moved to running right now: once it runs (or was skipped), stop it like any other.
    await this.starting.get(id);
    // The worker is terminated, never reused: it may be mid-run.
    await mine.settle?.({ status: 'cancelled' });
    return this.get(owner, id);
  }

  list(owner: Owner): Promise<BacktestJob[]> {
    return this.o.store.listBacktests(tenantScope(owner.tenantId), {
      userId: owner.userId,
      limit: KEEP_PER_USER + MAX_ACTIVE_PER_USER,
    });
  }

  /** Runs a store write in the background, logged if it fails, awaited by idle and close. */
  private track<T>(p: Promise<T>): Promise<T | undefined> {
    const tracked = p.then(
      (v) => v,
      (err: unknown) => {
        this.o.logger.error({ err }, 'backtest job write failed');
        return undefined;
      },
    );
    this.writes.add(tracked);
    void tracked.finally(() => this.writes.delete(tracked));
    return tracked;
  }

  private pump(): void {
    while (!this.closed && this.running < (this.o.concurrency ?? 1) && this.queue.length) {
      const id = this.queue.shift();
      const job = id ? this.local.get(id) : undefined;
      if (!id || !job) continue;
      this.running++;
      const started = this.run(id, job).finally(() => this.starting.delete(id));
      this.starting.set(id, started);
    }
  }

  private async run(id: string, job: LocalJob): Promise<void> {
    const scope = tenantScope(job.owner.tenantId);
    // False when it was cancelled (on any instance) while it waited.
    const claimed = await this.track(this.o.store.startBacktest(scope, { id, at: nowIso() }));
    if (!claimed || this.closed) {
      this.local.delete(id);
      this.running--;
      if (claimed) await this.track(this.finishRow(scope, id, { status: 'cancelled' }));
      this.pump();
      return;
    }
    let candles: StoredCandleColumns | undefined;
    try {
      candles = await this.storedCandles(scope, job.request);
    } catch (error) {
      this.local.delete(id);
      this.running--;
      const message =
        error instanceof AppError ? error.message : 'Reading the stored candles failed.';
      await this.track(this.finishRow(scope, id, { status: 'failed', error: message }));
      this.pump();
      return;
    }
    const worker = this.takeWorker();
    let settled: Promise<unknown> | null = null;
    let lastWrite = 0;
    let writing = false;
    const finish = async (outcome: Outcome, reusable = false): Promise<void> => {
      if (settled) {
        await settled;
        return;
      }
      settled = this.track(this.finishRow(scope, id, outcome));
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      this.local.delete(id);
      this.running--;
      if (reusable) this.park(worker);
      else void worker.terminate();
      this.pump();
      await settled;
    };
    const timer = setTimeout(
      () => void finish({ status: 'failed', error: 'The backtest took too long and was stopped.' }),
      TIMEOUT_MS,
    );
    const reportProgress = () => {
      const now = Date.now();
      if (writing || now - lastWrite < (this.o.progressWriteMs ?? PROGRESS_WRITE_MS)) return;
      writing = true;
      lastWrite = now;
      void this.track(
        this.o.store.progressBacktest(scope, { id, progress: job.progress, at: nowIso() }),
      ).then((r) => {
        writing = false;
        // Asked on another instance (or failed as stale meanwhile): stop here too.
        if (r?.cancelRequested) void finish({ status: 'cancelled' });
      });
    };
    // The job is marked done only after its full results are stored (results-writer.ts).
    const results = new ResultsWriter({
      store: this.o.results,
      scope,
      jobId: id,
      logger: this.o.logger,
      track: (p) => void this.track(p),
    });
    const onMessage = (m: BacktestWorkerMessage) => {
      if (m.kind === 'progress') {
        job.progress = Math.min(1, Math.max(job.progress, m.progress));
        reportProgress();
      } else if (m.kind === 'trades') results.trades(m);
      else if (m.kind === 'done') {
        const { summary, equityCurve, trades, prices, curve } = m;
        if (curve) results.curve(curve, summary.trades);
        void results
          .done()
          .then((stored) =>
            stored
              ? finish({ status: 'done', result: { summary, equityCurve, trades, prices } }, true)
              : finish({ status: 'failed', error: 'Storing the results failed; run it again.' }),
          );
      }
      // A run that threw may have left anything behind in its thread: not reused.
      else void finish({ status: 'failed', error: m.error.slice(0, 500) });
    };
    const onError = (err: Error) => {
      this.o.logger.error({ err, jobId: id }, 'backtest worker failed');
      void finish({ status: 'failed', error: 'The backtest failed unexpectedly.' });
    };
    const onExit = () =>
      void finish({ status: 'failed', error: 'The backtest stopped unexpectedly.' });
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    job.settle = finish;
    const strategy = job.request.strategy;
    const model =
      strategy.strategy === 'model'
        ? this.o.models?.forTenant(job.owner.tenantId, strategy.params.modelVersion)?.model
        : undefined;
    if (strategy.strategy === 'model' && !model) {
      void finish({ status: 'failed', error: 'The model version is not available here.' });
      return;
    }
    const command: BacktestWorkerCommand = {
      kind: 'run',
      request: job.request,
      full: true,
      ...(candles ? { candles } : {}),
      ...(model ? { model } : {}),
    };
    // The columns move to the worker thread rather than being copied.
    worker.postMessage(command, transferables(candles));
  }

  private finishRow(scope: TenantScope, id: string, outcome: Outcome): Promise<void> {
    return this.o.store.finishBacktest(scope, {
      id,
      at: nowIso(),
      status: outcome.status,
      error: outcome.status === 'failed' ? outcome.error : null,
      result: outcome.status === 'done' ? outcome.result : null,
    });
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
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const id of this.queue.splice(0)) {
      const job = this.local.get(id);
      this.local.delete(id);
      if (job)
        void this.track(
          this.finishRow(tenantScope(job.owner.tenantId), id, { status: 'cancelled' }),
        );
    }
    await Promise.all(this.starting.values());
    const running = [...this.local.values()].flatMap((job) => (job.settle ? [job.settle] : []));
    await Promise.all(running.map((settle) => settle({ status: 'cancelled' })));
    await Promise.all([
      ...this.writes,
      ...this.parked.splice(0).map((p) => {
        detach(p);
        return p.worker.terminate();
      }),
    ]);
  }

  /** Waits for running jobs and their writes (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running > 0 || this.queue.length > 0 || this.writes.size > 0)
      await new Promise((r) => setTimeout(r, 20));
  }
}
