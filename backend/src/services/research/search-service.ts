import { randomUUID } from 'node:crypto';
import {
  AppError,
  type BacktestRequest,
  MAX_TRIALS_PER_SEARCH,
  TIMEFRAME_MS,
  type SearchJob,
  type SearchRequest,
  type SearchTrial,
} from '@bytelyst/trading-contracts';
import type { Logger } from 'pino';
import { planParamSets } from '../../domain/research/param-space.js';
import {
  bestTrial,
  objectiveValue,
  planWindows,
  stitch,
  windowReport,
  type TimeRange,
} from '../../domain/research/walk-forward.js';
import type { JobQueue, QueuedJob } from '../../ports/job-queue.js';
import type {
  SearchResult,
  SearchStore,
  StoredSearch,
  StoredTrial,
  TrialLight,
} from '../../ports/search-store.js';
import { type TenantScope, tenantScope } from '../../ports/store.js';
import { TrialFailed, type TrialRunner } from './trial-runner.js';
import {
  allTrialIds,
  firstPhaseJobs,
  outOfSampleJob,
  TrialJob,
  trialIds,
} from './search-trials.js';

export const SEARCH_TRIAL_KIND = 'search-trial';
/** Running searches per user, across instances. */
const MAX_ACTIVE_PER_USER = 2;
/** Finished searches kept per user; the oldest go first, with their trials. */
const KEEP_PER_USER = 20;

interface Owner {
  tenantId: string;
  userId: string;
}

export interface SearchServiceOptions {
  store: SearchStore;
  queue: JobQueue;
  runner: TrialRunner;
  instanceId: string;
  logger: Logger;
  /**
   * The time range of the data a request replays, in the caller's tenant (walk-forward windows
   * are cut from it); refuses a stored series the tenant does not have.
   */
  dataRange: (scope: TenantScope, request: BacktestRequest) => Promise<TimeRange>;
  /** Trials this instance runs at once (its worker threads). */
  concurrency: number;
  /** A trial running longer counts as lost and is tried again elsewhere. */
  trialExpireSeconds?: number;
  /** How often running searches are advanced (a step lost with a dead instance is redone). */
  sweepMs?: number;
}

const nowIso = () => new Date().toISOString();

/**
 * Parameter searches and walk-forward: the plan is fixed when a search is accepted, each trial
 * is a job on the shared queue (any instance's worker threads run it), results are stored once
 * per trial id, and whoever stores a trial advances the search: it queues a window's
 * out-of-sample test once that window's in-sample trials are all in, and finishes the search
 * once every trial is. A periodic sweep redoes a step an instance died before taking.
 */
export class SearchService {
  private sweep: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly o: SearchServiceOptions) {}

  async start(): Promise<void> {
    await this.o.queue.register<TrialJob>({
      name: SEARCH_TRIAL_KIND,
      parse: (d) => TrialJob.parse(d),
      concurrency: this.o.concurrency,
      expireInSeconds: this.o.trialExpireSeconds ?? 600,
      retryLimit: 3,
      handle: (job) => this.handle(job.data),
      onDeadLetter: (job, error) => this.deadLetter(job.data, error),
    });
    // An in-process queue forgot its jobs with the last process: queue what is unfinished.
    if (!this.o.queue.durable) await this.sweepAll(true);
    this.sweep = setInterval(() => void this.sweepAll(false), this.o.sweepMs ?? 10_000);
    this.sweep.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
  }

  async submit(owner: Owner, request: SearchRequest): Promise<SearchJob> {
    if (this.closed) throw new AppError('NOT_READY', 'Searches are shutting down on this server.');
    const { sets, skipped } = planParamSets({
      base: request.base.strategy,
      space: request.space,
      sampler: request.sampler,
    });
    if (sets.length === 0)
      throw new AppError('VALIDATION_FAILED', 'No point of the space is valid for the strategy.', {
        details: { issues: [{ path: 'body.space', message: 'every point was refused' }] },
      });
    const scope = tenantScope(owner.tenantId);
    const data = await this.o.dataRange(scope, request.base);
    const windows = request.walkForward
      ? planWindows({
          data,
          timeframeMs: TIMEFRAME_MS[request.base.timeframe],
          settings: request.walkForward,
        })
      : null;
    const total = windows ? windows.length * (sets.length + 1) : sets.length;
    if (total > MAX_TRIALS_PER_SEARCH)
      throw new AppError(
        'VALIDATION_FAILED',
        `The search would run ${total} trials; at most ${MAX_TRIALS_PER_SEARCH}.`,
        { details: { issues: [{ path: 'body.space', message: 'too many trials' }] } },
      );
    const search: StoredSearch = {
      id: `sr-${randomUUID()}`,
      tenantId: owner.tenantId,
      userId: owner.userId,
      request,
      plan: { sets, data, windows },
      status: 'running',
      totalTrials: total,
      skippedCombos: skipped,
      createdAt: nowIso(),
      finishedAt: null,
      error: null,
      result: null,
      finishedTrials: 0,
      failedTrials: 0,
    };
    await this.o.store.insert(scope, {
      search,
      maxActive: MAX_ACTIVE_PER_USER,
      keep: KEEP_PER_USER,
    });
    await this.o.queue.enqueue(SEARCH_TRIAL_KIND, firstPhaseJobs(search));
    return this.get(owner, search.id);
  }

  async get(owner: Owner, id: string): Promise<SearchJob> {
    const scope = tenantScope(owner.tenantId);
    const s = await this.o.store.get(scope, { userId: owner.userId, id });
    if (!s) throw new AppError('NOT_FOUND', 'No such search.');
    const light = s.result ? null : await this.o.store.lightTrials(scope, id);
    return this.view(s, light);
  }

  async list(owner: Owner): Promise<SearchJob[]> {
    const rows = await this.o.store.list(tenantScope(owner.tenantId), {
      userId: owner.userId,
      limit: KEEP_PER_USER + MAX_ACTIVE_PER_USER,
    });
    return rows.map((s) => this.view(s, null));
  }

  async trials(owner: Owner, id: string): Promise<SearchTrial[]> {
    const scope = tenantScope(owner.tenantId);
    const s = await this.o.store.get(scope, { userId: owner.userId, id });
    if (!s) throw new AppError('NOT_FOUND', 'No such search.');
    return this.o.store.trials(scope, id);
  }

  /** Stops a running search on every instance: queued trials never start. Idempotent. */
  async cancel(owner: Owner, id: string): Promise<SearchJob> {
    const scope = tenantScope(owner.tenantId);
    const s = await this.o.store.cancel(scope, { userId: owner.userId, id, at: nowIso() });
    if (!s) throw new AppError('NOT_FOUND', 'No such search.');
    await this.o.queue.cancel(SEARCH_TRIAL_KIND, allTrialIds(s));
    return this.view(s, null);
  }

  private async handle(job: TrialJob): Promise<void> {
    const scope = tenantScope(job.tenantId);
    const s = await this.o.store.load(scope, job.searchId);
    if (!s || s.status !== 'running') return;
    // Delivered again after it was stored (at-least-once): nothing to run.
    if (!(await this.o.store.hasTrial(scope, { searchId: s.id, id: job.trialId }))) {
      const trial = await this.runTrial(tenantScope(s.tenantId), { s, job });
      await this.o.store.storeTrial(scope, { searchId: s.id, trial });
    }
    await this.advance(scope, s.id);
  }

  /** Runs in the search's tenant: a stored series is read from that tenant's candles only. */
  private async runTrial(
    scope: TenantScope,
    { s, job }: { s: StoredSearch; job: TrialJob },
  ): Promise<StoredTrial> {
    const point = s.plan.sets[job.paramsIndex]?.point ?? {};
    const common = {
      id: job.trialId,
      paramsIndex: job.paramsIndex,
      phase: job.phase,
      window: job.window,
      params: point,
      instanceId: this.o.instanceId,
    };
    try {
      const out = await this.o.runner.run(job.request, scope);
      const stats = out.summary.statistics ?? null;
      return {
        ...common,
        status: 'done',
        error: null,
        statistics: stats,
        objective: stats ? objectiveValue(stats, s.request.objective) : null,
        totalReturnPct: stats?.totalReturnPct ?? out.summary.returnPct,
        annualReturnPct: stats?.annualReturnPct ?? null,
        trades: out.summary.trades,
        equityCurve: job.phase === 'out_of_sample' ? out.equityCurve : null,
        candles: out.summary.candles,
        elapsedMs: out.summary.elapsedMs,
        finishedAt: nowIso(),
      };
    } catch (err) {
      // A crashed worker is thrown on (the queue tries again); a trial that cannot run is stored.
      if (!(err instanceof TrialFailed)) throw err;
      return this.failedTrial(common, err.message);
    }
  }

  private failedTrial(
    common: Pick<StoredTrial, 'id' | 'paramsIndex' | 'phase' | 'window' | 'params' | 'instanceId'>,
    error: string,
  ): StoredTrial {
    return {
      ...common,
      status: 'failed',
      error: error.slice(0, 500),
      statistics: null,
      objective: null,
      totalReturnPct: null,
      annualReturnPct: null,
      trades: 0,
      equityCurve: null,
      candles: 0,
      elapsedMs: 0,
      finishedAt: nowIso(),
    };
  }

  private async deadLetter(job: TrialJob, error: string): Promise<void> {
    const scope = tenantScope(job.tenantId);
    const s = await this.o.store.load(scope, job.searchId);
    if (!s || s.status !== 'running') return;
    const params = s.plan.sets[job.paramsIndex]?.point ?? {};
    await this.o.store.storeTrial(scope, {
      searchId: s.id,
      trial: this.failedTrial(
        { ...job, id: job.trialId, params, instanceId: this.o.instanceId },
        error,
      ),
    });
    await this.advance(scope, s.id);
  }

  /**
   * Queues each window's out-of-sample test once its in-sample trials are all stored, and
   * finishes the search once every trial is. Idempotent: any instance may run it any time.
   */
  async advance(scope: TenantScope, id: string): Promise<void> {
    const s = await this.o.store.load(scope, id);
    if (!s || s.status !== 'running') return;
    let light = await this.o.store.lightTrials(scope, id);
    const tests: QueuedJob<TrialJob>[] = [];
    let stored = false;
    for (const w of s.plan.windows ?? []) {
      const is = light.filter((t) => t.phase === 'in_sample' && t.window === w.index);
      if (is.length < s.plan.sets.length) continue;
      if (light.some((t) => t.phase === 'out_of_sample' && t.window === w.index)) continue;
      const best = bestTrial(is, s.request.objective);
      const trialId = trialIds.outOfSample(s.id, w.index);
      if (!best) {
        stored ||= await this.o.store.storeTrial(scope, {
          searchId: s.id,
          trial: this.failedTrial(
            {
              id: trialId,
              paramsIndex: 0,
              phase: 'out_of_sample',
              window: w.index,
              params: {},
              instanceId: this.o.instanceId,
            },
            'no in-sample trial had a value of the objective',
          ),
        });
        continue;
      }
      const job = outOfSampleJob(s, w, best.trial.paramsIndex);
      if (job) tests.push(job);
    }
    if (tests.length > 0) await this.o.queue.enqueue(SEARCH_TRIAL_KIND, tests);
    if (stored) light = await this.o.store.lightTrials(scope, id);
    if (light.length < s.totalTrials) return;
    const result = await this.result(scope, s, light);
    if (await this.o.store.finish(scope, { id, status: 'done', result, error: null, at: nowIso() }))
      this.o.logger.info({ searchId: id, trials: light.length }, 'parameter search finished');
  }

  private async result(
    scope: TenantScope,
    s: StoredSearch,
    light: TrialLight[],
  ): Promise<SearchResult> {
    const report = this.report(s, light);
    if (!s.plan.windows) return report;
    const curves = await this.o.store.outOfSampleCurves(scope, s.id);
    const windows = curves.flatMap((c) => {
      const t = light.find((x) => x.phase === 'out_of_sample' && x.window === c.window);
      return t ? [{ curve: c.curve, trades: t.trades, returnPct: t.totalReturnPct ?? 0 }] : [];
    });
    return { ...report, stitched: stitch({ capital: Number(s.request.base.capital), windows }) };
  }

  /** Best and windows from the trials stored so far (a running search shows them as they come). */
  private report(s: StoredSearch, light: TrialLight[]): SearchResult {
    const objective = s.request.objective;
    if (!s.plan.windows) {
      const best = bestTrial(
        light.filter((t) => t.phase === 'full'),
        objective,
      );
      return {
        best: best ? { trialId: best.trial.id, params: best.trial.point, value: best.value } : null,
        windows: [],
        stitched: null,
      };
    }
    const windows = s.plan.windows.map((w) =>
      windowReport({
        window: w,
        statistic: objective,
        inSampleTrials: light.filter((t) => t.phase === 'in_sample' && t.window === w.index),
        inSampleExpected: s.plan.sets.length,
        oos: light.find((t) => t.phase === 'out_of_sample' && t.window === w.index) ?? null,
      }),
    );
    return { best: null, windows, stitched: null };
  }

  private view(s: StoredSearch, light: TrialLight[] | null): SearchJob {
    const result = s.result ?? (light ? this.report(s, light) : this.report(s, []));
    return {
      id: s.id,
      tenantId: s.tenantId,
      userId: s.userId,
      request: s.request,
      status: s.status,
      totalTrials: s.totalTrials,
      finishedTrials: s.finishedTrials,
      failedTrials: s.failedTrials,
      skippedCombos: s.skippedCombos,
      createdAt: s.createdAt,
      finishedAt: s.finishedAt,
      error: s.error,
      ...result,
    };
  }

  private async sweepAll(requeue: boolean): Promise<void> {
    try {
      for (const r of await this.o.store.running()) {
        if (this.closed) return;
        const scope = tenantScope(r.tenantId);
        if (requeue) {
          const s = await this.o.store.load(scope, r.id);
          if (!s) continue;
          const have = new Set((await this.o.store.lightTrials(scope, r.id)).map((t) => t.id));
          await this.o.queue.enqueue(SEARCH_TRIAL_KIND, firstPhaseJobs(s, have));
        }
        await this.advance(scope, r.id);
      }
    } catch (err) {
      this.o.logger.error({ err }, 'parameter search sweep failed');
    }
  }
}
