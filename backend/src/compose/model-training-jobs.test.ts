import { CreateModelTrainingBody } from '@bytelyst/trading-contracts';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStores, type TestStore, uniqueId } from '../../test-support/db.js';
import { eventually } from '../../test-support/backend-harness.js';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../adapters/market/instruments.js';
import { SimulatedTrainingCandles } from '../adapters/market/training-candles.js';
import { InProcessJobQueue } from '../adapters/queue/in-process-queue.js';
import type { SqlStore } from '../adapters/store/index.js';
import { SqlModelTrainingStore } from '../adapters/store/repo-model-trainings.js';
import { SqlModelVersionStore } from '../adapters/store/repo-model-versions.js';
import { SqlCandleStore } from '../adapters/store/repo-candles.js';
import type { FeatureDefinition } from '../domain/models/features.js';
import type { TrainingCaller } from '../ports/model-trainings.js';
import { tenantScope } from '../ports/store.js';
import { AuditService } from '../services/audit-service.js';
import { ModelLibrary } from '../services/models/model-library.js';
import { ModelRegistry } from '../services/models/model-registry.js';
import { ModelTrainingService } from '../services/models/model-training-service.js';
import { silentPublisher } from '../services/publisher.js';
import { modelCardBacktester } from './model-card-backtest.js';
import { InlineModelTrainer } from './model-trainers.js';

const logger = pino({ level: 'silent' });
const cardBacktest = modelCardBacktester(DEFAULT_SIM_INSTRUMENTS.map(toContractInstrument));
const caller: TrainingCaller = {
  userId: 'u-admin',
  actor: { type: 'tenant_admin', id: 'u-admin', tenantId: null },
  requestId: 'r-1',
};

/** Reads three candles ahead (the classic leak of a joined forward-return column). */
const peekAhead: FeatureDefinition = {
  id: 'ret_1',
  create: (cols) => {
    let i = 0;
    return {
      update: (bar) => {
        const next = cols.close[i + 3];
        i++;
        return next === undefined ? NaN : Math.log(next / bar.close);
      },
    };
  },
};

const body = CreateModelTrainingBody.parse({
  symbol: 'BTC-USD',
  candles: 3_000,
  settings: { features: ['ret_1'], horizon: 3, model: { kind: 'logistic' } },
  validation: { kind: 'purged_kfold', folds: 3 },
});

/** The job path on the store without HTTP: leakage, redelivery, one version per artifact. */
describe.each(testStores())('model training jobs on %s', (driver) => {
  let t: TestStore;
  let sql: SqlStore['sql'];
  const build = (features?: readonly FeatureDefinition[]) => {
    const library = new ModelLibrary();
    const simulated = new SimulatedTrainingCandles({
      seed: 5,
      instruments: DEFAULT_SIM_INSTRUMENTS,
    });
    const versions = new SqlModelVersionStore(sql);
    const registry = new ModelRegistry({
      store: versions,
      candles: simulated,
      library,
      audit: new AuditService({ store: t.store, publisher: silentPublisher }),
      clock: { now: () => Date.UTC(2026, 5, 1) },
      cardBacktest,
    });
    const queue = new InProcessJobQueue({ logger });
    const service = new ModelTrainingService({
      store: new SqlModelTrainingStore(sql),
      queue,
      trainer: new InlineModelTrainer({ cardBacktest, ...(features ? { features } : {}) }),
      registry,
      simulated,
      candles: new SqlCandleStore(sql),
      clock: { now: () => Date.UTC(2026, 5, 1) },
      logger,
      instanceId: 'i-test',
    });
    return { service, versions, queue, library };
  };
  beforeAll(async () => {
    t = await createTestStore(driver);
    sql = (t.store as SqlStore).sql;
  });
  afterAll(() => t?.cleanup());

  const tenant = async () => {
    const id = uniqueId('acme');
    await t.store.ensureTenant({ id, name: id });
    return tenantScope(id);
  };
  const done = (s: ModelTrainingService, scope: ReturnType<typeof tenantScope>, id: string) =>
    eventually(async () => {
      const j = await s.get(scope, id);
      expect(['succeeded', 'failed', 'cancelled']).toContain(j.status);
      return j;
    }, 30_000);

  it('refuses a feature that looks ahead through the job path, and registers nothing', async () => {
    const { service, versions, queue } = build([peekAhead]);
    await service.start();
    const scope = await tenant();
    const job = await done(service, scope, (await service.submit(scope, caller, body)).id);
    expect(job).toMatchObject({
      status: 'failed',
      errorCode: 'FEATURE_LOOKS_AHEAD',
      versionId: null,
    });
    expect(job.error).toMatch(/feature ret_1 looks ahead/);
    expect(await versions.list(scope)).toEqual([]);
    await queue.close();
  });

  it('a job delivered again, or twice at once, registers one version', async () => {
    const { service, versions, queue, library } = build();
    await service.start();
    const scope = await tenant();
    const first = await done(service, scope, (await service.submit(scope, caller, body)).id);
    expect(first.status).toBe('succeeded');
    expect(first.validation?.windows).toHaveLength(3);
    expect(library.forTenant(scope.tenantId, first.versionId ?? '')).toBeDefined();
    // Redelivered after it finished: nothing runs.
    await service.handle({ tenantId: scope.tenantId, id: first.id });
    expect(await service.get(scope, first.id)).toEqual(first);
    // Redelivered while it runs (an instance thought lost): two trainings race to register.
    await sql.query(
      `UPDATE model_trainings SET status = 'queued', version_id = NULL WHERE tenant_id = $1 AND id = $2`,
      [scope.tenantId, first.id],
    );
    await Promise.all([
      service.handle({ tenantId: scope.tenantId, id: first.id }),
      service.handle({ tenantId: scope.tenantId, id: first.id }),
    ]);
    const again = await service.get(scope, first.id);
    expect(again).toMatchObject({ status: 'succeeded', versionId: first.versionId });
    const all = await versions.list(scope);
    expect(all.map((v) => v.id)).toEqual([first.versionId]);
    // Another tenant training the same thing gets its own version, never this one.
    const other = await tenant();
    const theirs = await done(service, other, (await service.submit(other, caller, body)).id);
    expect(theirs.versionId).not.toBe(first.versionId);
    expect(await versions.get(other, first.versionId ?? '')).toBeNull();
    await queue.close();
  });

  it('an in-process queue re-queues unfinished jobs at start (a restart forgot them)', async () => {
    const a = build();
    const scope = await tenant();
    // Accepted while nothing pulled the queue (the process died before running it).
    await a.queue.register({
      name: 'model-train',
      parse: (d) => d,
      concurrency: 1,
      expireInSeconds: 60,
      retryLimit: 0,
      handle: () => new Promise(() => undefined),
    });
    const job = await a.service.submit(scope, caller, body);
    const b = build();
    await b.service.start();
    expect((await done(b.service, scope, job.id)).status).toBe('succeeded');
    await b.queue.close();
  });
});
