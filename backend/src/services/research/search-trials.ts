import { BacktestRequest } from '@bytelyst/trading-contracts';
import { z } from 'zod';
import type { QueuedJob } from '../../ports/job-queue.js';
import type { PlannedWindow } from '../../domain/research/walk-forward.js';
import type { StoredSearch } from '../../ports/search-store.js';

export const iso = (ms: number) => new Date(ms).toISOString();

/** A trial as it travels through the job queue (validated when read back). */
export const TrialJob = z.strictObject({
  tenantId: z.string(),
  searchId: z.string(),
  trialId: z.string(),
  paramsIndex: z.number().int().nonnegative(),
  phase: z.enum(['full', 'in_sample', 'out_of_sample']),
  window: z.number().int().nonnegative().nullable(),
  request: BacktestRequest,
});
export type TrialJob = z.infer<typeof TrialJob>;

/** Trial ids are fixed by the plan, so a trial queued twice (or stored twice) is one trial. */
export const trialIds = {
  full: (s: string, p: number) => `${s}:f:${p}`,
  inSample: (s: string, w: number, p: number) => `${s}:i:${w}:${p}`,
  outOfSample: (s: string, w: number) => `${s}:o:${w}`,
};

/** Full-range or in-sample trials: everything that does not wait for another trial. */
export function firstPhaseJobs(s: StoredSearch, skip?: ReadonlySet<string>): QueuedJob<TrialJob>[] {
  const base = s.request.base;
  const jobs: QueuedJob<TrialJob>[] = [];
  const add = (job: Omit<TrialJob, 'tenantId' | 'searchId'>) => {
    if (!skip?.has(job.trialId))
      jobs.push({ id: job.trialId, data: { tenantId: s.tenantId, searchId: s.id, ...job } });
  };
  s.plan.sets.forEach((set, p) => {
    if (!s.plan.windows) {
      add({
        trialId: trialIds.full(s.id, p),
        paramsIndex: p,
        phase: 'full',
        window: null,
        request: { ...base, strategy: set.strategy },
      });
      return;
    }
    for (const w of s.plan.windows)
      add({
        trialId: trialIds.inSample(s.id, w.index, p),
        paramsIndex: p,
        phase: 'in_sample',
        window: w.index,
        request: {
          ...base,
          strategy: set.strategy,
          settings: { ...base.settings, from: iso(w.inSample.from), to: iso(w.inSample.to) },
        },
      });
  });
  return jobs;
}

/** Every trial id of a search's plan (what a cancel takes off the queue). */
export function allTrialIds(s: StoredSearch): string[] {
  const ids = firstPhaseJobs(s).map((j) => j.id);
  for (const w of s.plan.windows ?? []) ids.push(trialIds.outOfSample(s.id, w.index));
  return ids;
}

/** A window's out-of-sample test with the params its in-sample trials chose. */
export function outOfSampleJob(
  s: StoredSearch,
  w: PlannedWindow,
  paramsIndex: number,
): QueuedJob<TrialJob> | null {
  const set = s.plan.sets[paramsIndex];
  if (!set) return null;
  const base = s.request.base;
  const trialId = trialIds.outOfSample(s.id, w.index);
  return {
    id: trialId,
    data: {
      tenantId: s.tenantId,
      searchId: s.id,
      trialId,
      paramsIndex,
      phase: 'out_of_sample',
      window: w.index,
      request: {
        ...base,
        strategy: set.strategy,
        settings: { ...base.settings, from: iso(w.outOfSample.from), to: iso(w.outOfSample.to) },
      },
    },
  };
}
