import { createHash } from 'node:crypto';
import {
  type Actor,
  AppError,
  type ModelVersion,
  type TrainModelBody,
} from '@bytelyst/trading-contracts';
import { FeatureLeakError } from '../../domain/models/dataset.js';
import { EmptyTrainingSetError, canonicalJson, trainModel } from '../../domain/models/model.js';
import type { Clock } from '../../ports/clock.js';
import type { ModelVersionStore, TrainingCandles } from '../../ports/model-versions.js';
import type { TenantScope } from '../../ports/store.js';
import type { AuditService } from '../audit-service.js';
import type { ModelLibrary } from './model-library.js';

export interface ModelCaller {
  userId: string;
  actor: Actor;
  requestId: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** SHA-256 over the candle columns' bytes: which data a version was trained on, checkable later. */
const candlesChecksum = (cols: Record<string, Float64Array>) => {
  const h = createHash('sha256');
  for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'])
    h.update(new Uint8Array((cols[k] as Float64Array).buffer));
  return h.digest('hex');
};

/**
 * The model registry: trains versions (features checked for look-ahead, purged split), stores
 * each with its checksum, keeps the process's `ModelLibrary` current for the engine, and switches
 * versions off. Other instances pick up a switch-off on their next `refresh` (every few seconds).
 */
export class ModelRegistry {
  constructor(
    private readonly deps: {
      store: ModelVersionStore;
      candles: TrainingCandles;
      library: ModelLibrary;
      audit: AuditService;
      clock: Clock;
    },
  ) {}

  /** Loads every stored version into the library (at start, then on each refresh). */
  async refresh(): Promise<void> {
    for (const { version, model } of await this.deps.store.all())
      this.deps.library.put({
        version: version.id,
        tenantId: version.tenantId,
        model,
        disabledReason: version.disabledReason,
      });
  }

  list(scope: TenantScope): Promise<ModelVersion[]> {
    return this.deps.store.list(scope);
  }

  async get(scope: TenantScope, id: string): Promise<ModelVersion> {
    const found = await this.deps.store.get(scope, id);
    if (!found) throw new AppError('NOT_FOUND', 'No such model version.');
    return found;
  }

  async train(
    scope: TenantScope,
    caller: ModelCaller,
    body: TrainModelBody,
  ): Promise<ModelVersion> {
    const now = this.deps.clock.now();
    const cols = this.deps.candles.candles({
      symbol: body.symbol,
      timeframe: body.timeframe,
      count: body.candles,
      endTime: now,
    });
    let model;
    try {
      model = trainModel(cols, body.settings);
    } catch (error) {
      if (error instanceof FeatureLeakError || error instanceof EmptyTrainingSetError)
        throw new AppError('VALIDATION_FAILED', error.message, {
          details: { issues: [{ path: 'body.settings', message: error.message }] },
        });
      throw error;
    }
    const artifact = canonicalJson(model);
    const checksum = sha256(artifact);
    const version: ModelVersion = {
      // Derived from the tenant and the artifact: training the same thing twice is one version.
      id: `mv-${sha256(`${scope.tenantId}:${checksum}`).slice(0, 16)}`,
      tenantId: scope.tenantId,
      createdBy: caller.userId,
      createdAt: new Date(now).toISOString(),
      symbol: body.symbol,
      timeframe: body.timeframe,
      kind: model.fitted.kind,
      features: model.features,
      settings: model.settings,
      window: {
        from: new Date(model.window.from).toISOString(),
        to: new Date(model.window.to).toISOString(),
        trainRows: model.window.trainRows,
        testRows: model.window.testRows,
      },
      metrics: model.metrics,
      checksum,
      dataChecksum: candlesChecksum(cols),
      disabledAt: null,
      disabledBy: null,
      disabledReason: null,
    };
    const existing = await this.deps.store.get(scope, version.id);
    if (existing) return existing;
    await this.deps.store.insert(scope, { version, model, artifact });
    this.deps.library.put({
      version: version.id,
      tenantId: scope.tenantId,
      model,
      disabledReason: null,
    });
    await this.deps.audit.record({
      actor: caller.actor,
      tenantId: scope.tenantId,
      action: 'model.train',
      target: `model:${version.id}`,
      after: {
        symbol: version.symbol,
        kind: version.kind,
        checksum,
        outOfSampleAuc: version.metrics.outOfSample.auc,
      },
      requestId: caller.requestId,
    });
    return version;
  }

  /** The model kill switch: every profile on the version stops entering from its next candle. */
  async disable(
    scope: TenantScope,
    caller: ModelCaller,
    input: { id: string; reason: string },
  ): Promise<ModelVersion> {
    await this.get(scope, input.id);
    const at = new Date(this.deps.clock.now()).toISOString();
    const after = await this.deps.store.disable(scope, { ...input, by: caller.userId, at });
    if (!after) throw new AppError('NOT_FOUND', 'No such model version.');
    const loaded = this.deps.library.forTenant(scope.tenantId, input.id);
    if (loaded) this.deps.library.put({ ...loaded, disabledReason: after.disabledReason });
    await this.deps.audit.record({
      actor: caller.actor,
      tenantId: scope.tenantId,
      action: 'model.disable',
      target: `model:${input.id}`,
      after: { reason: after.disabledReason, disabledAt: after.disabledAt },
      requestId: caller.requestId,
    });
    return after;
  }
}
