import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CreateModelTrainingBody,
  type ModelTrainingJob,
  TIMEFRAME_MS,
} from '@bytelyst/trading-contracts';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '../../ports/clock.js';
import type { CandleRangeReader, CandleStore } from '../../ports/candle-store.js';
import type { JobQueue } from '../../ports/job-queue.js';
import type { ModelTrainingStore, TrainingCaller } from '../../ports/model-trainings.js';
import type { TrainingCandles } from '../../ports/model-versions.js';
import { type TenantScope, tenantScope } from '../../ports/store.js';
import type { StoredCandleColumns } from '../backtest/backtest-messages.js';
import { columnsOf } from '../backtest/stored-candles.js';
import { type ModelTrainer, TrainingFailed } from './model-trainer.js';
import { type ModelRegistry, candlesChecksum } from './model-registry.js';

export const MODEL_TRAIN_KIND = 'model-train';
/** Queued or running training jobs per tenant, across instances. */
const MAX_ACTIVE_PER_TENANT = 2;
/** Finished jobs kept per tenant; the oldest go first (their versions stay). */
const KEEP_PER_TENANT = 30;
const PROGRESS_WRITE_MS = 250;

const TrainJob = z.strictObject({ tenantId: z.string(), id: z.string() });
type TrainJob = z.infer<typeof TrainJob>;

export interface ModelTrainingServiceOptions {
  store: ModelTrainingStore;
  queue: JobQueue;
  trainer: ModelTrainer;
  registry: Pick<ModelRegistry, 'register'>;
  /** The simulated market's history (a `simulated` source). */
  simulated: TrainingCandles;
  /** The candles store (a `stored` source), read in the job's tenant only. */
  candles: CandleRangeReader & Pick<CandleStore, 'getSeries'>;
  clock: Clock;
  logger: Logger;
  instanceId: string;
  /** Jobs this instance trains at once (each a worker thread). */
  concurrency?: number;
  /** A job running longer counts as lost and is tried again (on any instance). */
  expireSeconds?: number;
  progressWriteMs?: number;
}

const nowIso = () => new Date().toISOString();

/**
 * Training as queued jobs: a request is a row (migration 0026) and a `model-train` job on the
 * research queue; whichever instance takes the job reads the candles (simulated history, or the
 * tenant's stored series), trains on a worker thread with progress in the row, and registers the
 * version. Delivery is at least once, so a finished row is never run again and the version is
 * keyed by its checksum: a job run twice registers one version.
 */
export class ModelTrainingService {
  /** Running here: a cancel aborts its worker at once. */
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly o: ModelTrainingServiceOptions) {}

  async start(): Promise<void> {
    await this.o.queue.register<TrainJob>({
      name: MODEL_TRAIN_KIND,
      parse: (d) => TrainJob.parse(d),
      concurrency: this.o.concurrency ?? 1,
      expireInSeconds: this.o.expireSeconds ?? 1800,
      retryLimit: 2,
      handle: (job) => this.handle(job.data),
      onDeadLetter: (job, error) => this.deadLetter(job.data, error),
    });
    // An in-process queue forgot its jobs with the last process: queue the unfinished again.
    if (!this.o.queue.durable) {
      const active = await this.o.store.active();
      if (active.length > 0)
        await this.o.queue.enqueue(
          MODEL_TRAIN_KIND,
          active.map((j) => ({ id: j.id, data: j })),
        );
    }
  }

  async close(): Promise<void> {
    for (const c of this.running.values()) c.abort();
    await this.o.trainer.close();
  }

  async submit(
    scope: TenantScope,
    caller: TrainingCaller,
    request: CreateModelTrainingBody,
  ): Promise<ModelTrainingJob> {
    if (request.source.kind === 'stored') {
      const series = await this.o.candles.getSeries(scope, this.seriesRef(request));
      if (!series)
        throw new AppError(
          'VALIDATION_FAILED',
          `No stored candles of ${request.symbol} ${request.timeframe} from ${request.source.venue}; import them first.`,
          { details: { issues: [{ path: 'body.source', message: 'no such stored series' }] } },
        );
    }
    const at = nowIso();
    const job: ModelTrainingJob = {
      id: `mt-${randomUUID()}`,
      tenantId: scope.tenantId,
      userId: caller.userId,
      request,
      status: 'queued',
      progress: 0,
      stage: null,
      errorCode: null,
      error: null,
      versionId: null,
      validation: null,
      dataEnd: new Date(this.o.clock.now()).toISOString(),
      createdAt: at,
      startedAt: null,
      finishedAt: null,
    };
    await this.o.store.insert(scope, {
      job,
      caller,
      maxActive: MAX_ACTIVE_PER_TENANT,
      keep: KEEP_PER_TENANT,
    });
    await this.o.queue.enqueue(MODEL_TRAIN_KIND, [
      { id: job.id, data: { tenantId: scope.tenantId, id: job.id } },
    ]);
    return job;
  }

  async get(scope: TenantScope, id: string): Promise<ModelTrainingJob> {
    const job = await this.o.store.get(scope, id);
    // Another tenant's job answers exactly like a missing one.
    if (!job) throw new AppError('NOT_FOUND', 'No such training job.');
    return job;
  }

  list(scope: TenantScope): Promise<ModelTrainingJob[]> {
    return this.o.store.list(scope, KEEP_PER_TENANT + MAX_ACTIVE_PER_TENANT);
  }

  /** Stops a queued or running job on every instance; a finished one comes back unchanged. */
  async cancel(scope: TenantScope, id: string): Promise<ModelTrainingJob> {
    const job = await this.o.store.cancel(scope, { id, at: nowIso() });
    if (!job) throw new AppError('NOT_FOUND', 'No such training job.');
    await this.o.queue.cancel(MODEL_TRAIN_KIND, [id]);
    // Running here: stopped now. Elsewhere: stopped at that instance's next progress write.
    this.running.get(id)?.abort();
    return job;
  }

  /** One delivery of a job (maybe not the first). Public for the redelivery tests. */
  async handle(job: TrainJob): Promise<void> {
    const scope = tenantScope(job.tenantId);
    const row = await this.o.store.get(scope, job.id);
    const caller = await this.o.store.caller(scope, job.id);
    if (!row || !caller) return;
    if (
      !(await this.o.store.start(scope, {
        id: job.id,
        instanceId: this.o.instanceId,
        at: nowIso(),
      }))
    )
      return; // Finished, failed or cancelled already: a redelivery has nothing to do.
    const abort = new AbortController();
    this.running.set(job.id, abort);
    try {
      await this.train(scope, row, caller, abort);
    } finally {
      this.running.delete(job.id);
    }
  }

  private async train(
    scope: TenantScope,
    row: ModelTrainingJob,
    caller: TrainingCaller,
    abort: AbortController,
  ): Promise<void> {
    const request = row.request;
    const candles = await this.readCandles(scope, row);
    if (!candles) return this.fail(scope, row.id, 'DATA_UNAVAILABLE', 'The stored series is gone.');
    // Before the columns move to the worker thread.
    const dataChecksum = candlesChecksum(candles);
    let lastWrite = 0;
    const onProgress = (progress: number, stage: string) => {
      const now = Date.now();
      if (now - lastWrite < (this.o.progressWriteMs ?? PROGRESS_WRITE_MS)) return;
      lastWrite = now;
      void this.o.store.progress(scope, { id: row.id, progress, stage }).then(
        // Cancelled on another instance: stop the worker here too.
        (status) => status === 'cancelled' && abort.abort(),
        (err: unknown) =>
          this.o.logger.warn({ err, jobId: row.id }, 'training progress write failed'),
      );
    };
    let output;
    try {
      output = await this.o.trainer.train(
        {
          symbol: request.symbol,
          timeframe: request.timeframe,
          candles,
          settings: request.settings,
          validation: request.validation,
        },
        { onProgress, signal: abort.signal },
      );
    } catch (error) {
      if (abort.signal.aborted) return; // Cancelled: the row already says so.
      if (error instanceof TrainingFailed)
        return this.fail(scope, row.id, error.code, error.message);
      throw error; // A crashed worker: the queue tries the job again.
    }
    if (abort.signal.aborted) return;
    const version = await this.o.registry.register(scope, caller, {
      symbol: request.symbol,
      timeframe: request.timeframe,
      dataChecksum,
      model: output.model,
      card: () => Promise.resolve(output.card),
    });
    await this.o.store.finish(scope, {
      id: row.id,
      at: nowIso(),
      outcome: { status: 'succeeded', versionId: version.id, validation: output.validation },
    });
    this.o.logger.info({ jobId: row.id, versionId: version.id }, 'model training finished');
  }

  private async fail(
    scope: TenantScope,
    id: string,
    errorCode:
      'FEATURE_LOOKS_AHEAD' | 'TRAINING_DATA_TOO_SHORT' | 'DATA_UNAVAILABLE' | 'WORKER_FAILED',
    error: string,
  ): Promise<void> {
    await this.o.store.finish(scope, {
      id,
      at: nowIso(),
      outcome: { status: 'failed', errorCode, error },
    });
  }

  private async deadLetter(job: TrainJob, error: string): Promise<void> {
    await this.fail(
      tenantScope(job.tenantId),
      job.id,
      'WORKER_FAILED',
      `Training failed: ${error}`,
    );
  }

  private seriesRef(request: CreateModelTrainingBody) {
    const venue = request.source.kind === 'stored' ? request.source.venue : '';
    return { symbol: request.symbol, venue, timeframe: request.timeframe };
  }

  /**
   * The newest `candles` candles of the source. A stored series is read in the job's tenant
   * only, from far enough back to hold that many across its gaps.
   */
  private async readCandles(
    scope: TenantScope,
    row: ModelTrainingJob,
  ): Promise<StoredCandleColumns | null> {
    const r = row.request;
    if (r.source.kind === 'simulated') {
      const c = this.o.simulated.candles({
        symbol: r.symbol,
        timeframe: r.timeframe,
        count: r.candles,
        endTime: Date.parse(row.dataEnd),
      });
      return columnsOf(c);
    }
    const ref = this.seriesRef(r);
    const series = await this.o.candles.getSeries(scope, ref);
    if (!series) return null;
    const tf = TIMEFRAME_MS[r.timeframe];
    const span = (r.candles + series.missing) * tf;
    const c = await this.o.candles.readCandles(scope, {
      ...ref,
      from: Date.parse(series.to) - span,
      to: null,
      maxCandles: r.candles + series.missing + 1,
    });
    return columnsOf(c, Math.max(0, c.time.length - r.candles));
  }
}
