import { availableParallelism } from 'node:os';
import { TIMEFRAME_MS, type BacktestRequest } from '@bytelyst/trading-contracts';
import { InProcessJobQueue } from '../adapters/queue/in-process-queue.js';
import { PgBossJobQueue } from '../adapters/queue/pg-boss-queue.js';
import type { SqlStore } from '../adapters/store/index.js';
import { SqlSearchStore } from '../adapters/store/repo-searches.js';
import type { TimeRange } from '../domain/research/walk-forward.js';
import { clipRange } from '../domain/research/data-range.js';
import type { CandleStore } from '../ports/candle-store.js';
import type { JobQueue } from '../ports/job-queue.js';
import { HISTORY_START } from './backtest-run.js';
import { researchDataRange } from '../services/research/data-range.js';
import { SearchService } from '../services/research/search-service.js';
import { WorkerTrialRunner } from '../services/research/trial-runner.js';
import type { ProcessContext } from './config.js';

/** Test knobs: how fast a dead instance's jobs come back, and how many threads run trials. */
export interface JobOverrides {
  trialExpireSeconds?: number;
  maintenanceIntervalSeconds?: number;
  sweepMs?: number;
  workers?: number;
}

/**
 * The simulated history's range for a request (HISTORY_START, `candles` candles), cut to the
 * settings' `from`/`to`. A stored series answers from its coverage instead (`researchDataRange`).
 */
export function simulatedDataRange(req: BacktestRequest): TimeRange {
  const end = HISTORY_START + req.candles * TIMEFRAME_MS[req.timeframe];
  return clipRange({ from: HISTORY_START, to: end }, req.settings);
}

export interface Research {
  queue: JobQueue;
  searches: SearchService;
  close(): Promise<void>;
}

/**
 * The job queue (pg-boss in PostgreSQL when DATABASE_URL is set, so every instance pulls from
 * one queue; an in-process queue over PGlite) and the parameter-search service on it. Other
 * job kinds (model training) register on the same `queue`.
 */
export async function composeResearch(
  ctx: ProcessContext,
  parts: {
    store: SqlStore;
    /** The market data store: trials of a stored source read their tenant's candles from it. */
    candles: CandleStore;
    schema?: string | undefined;
    overrides?: JobOverrides | undefined;
  },
): Promise<Research> {
  const { env, logger, instanceId } = ctx;
  const o = parts.overrides ?? {};
  const workers = o.workers ?? env.JOB_WORKERS ?? Math.max(1, availableParallelism() - 1);
  const queue: JobQueue = env.DATABASE_URL
    ? new PgBossJobQueue({
        connectionString: env.DATABASE_URL,
        // Beside the store's schema, so tests that isolate a schema isolate their queue too.
        schema: parts.schema ? `${parts.schema}_jobs` : env.JOB_QUEUE_SCHEMA,
        logger,
        ...(o.maintenanceIntervalSeconds !== undefined
          ? { maintenanceIntervalSeconds: o.maintenanceIntervalSeconds }
          : {}),
      })
    : new InProcessJobQueue({ logger });
  const runner = new WorkerTrialRunner(workers, parts.candles);
  const searches = new SearchService({
    store: new SqlSearchStore(parts.store.sql),
    queue,
    runner,
    instanceId,
    logger,
    dataRange: researchDataRange({ candles: parts.candles, simulated: simulatedDataRange }),
    concurrency: workers,
    ...(o.trialExpireSeconds !== undefined ? { trialExpireSeconds: o.trialExpireSeconds } : {}),
    ...(o.sweepMs !== undefined ? { sweepMs: o.sweepMs } : {}),
  });
  await searches.start();
  return {
    queue,
    searches,
    async close() {
      await searches.close();
      await queue.close({ graceful: true });
      await runner.close();
    },
  };
}
