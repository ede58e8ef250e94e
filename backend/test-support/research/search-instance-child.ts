/**
 * A third instance for the distributed search test: the store, pg-boss queue and search service
 * of a backend on the test's schema, nothing else, so the test can SIGKILL it mid-trial. It
 * tells the parent when each trial starts (the parent kills it while one runs).
 *
 *   fork(this file, [databaseUrl, schema, instanceId], { execArgv: ['--import', 'tsx'] })
 */
import pino from 'pino';
import type { BacktestRequest } from '@bytelyst/trading-contracts';
import { PgBossJobQueue } from '../../src/adapters/queue/pg-boss-queue.js';
import { createStore, SqlStore } from '../../src/adapters/store/index.js';
import { SqlSearchStore } from '../../src/adapters/store/repo-searches.js';
import type { TenantScope } from '../../src/ports/store.js';
import { simulatedDataRange } from '../../src/compose/research.js';
import { SearchService } from '../../src/services/research/search-service.js';
import { WorkerTrialRunner } from '../../src/services/research/trial-runner.js';

const [databaseUrl, schema, instanceId] = process.argv.slice(2) as [string, string, string];
const logger = pino({ level: 'silent' });
const store = await createStore({ databaseUrl, dataDir: 'unused', schema, poolSize: 4 });
if (!(store instanceof SqlStore)) throw new Error('unexpected store');
const pool = new WorkerTrialRunner(2);
const queue = new PgBossJobQueue({
  connectionString: databaseUrl,
  schema: `${schema}_jobs`,
  logger,
  maintenanceIntervalSeconds: 1,
});
const service = new SearchService({
  store: new SqlSearchStore(store.sql),
  queue,
  runner: {
    run: (request: BacktestRequest, scope: TenantScope) => {
      process.send?.({ t: 'trial-started' });
      return pool.run(request, scope);
    },
    close: () => pool.close(),
  },
  instanceId,
  logger,
  dataRange: async (_scope, request) => simulatedDataRange(request),
  concurrency: 2,
  trialExpireSeconds: 8,
  sweepMs: 1000,
});
await service.start();
process.send?.({ t: 'ready' });
