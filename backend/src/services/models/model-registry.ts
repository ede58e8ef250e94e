import { createHash } from 'node:crypto';
import {
  type Actor,
  AppError,
  type ModelCardBacktest,
  type ModelVersion,
  type TrainModelBody,
} from '@bytelyst/trading-contracts';
import { FeatureLeakError } from '../../domain/models/dataset.js';
import {
  EmptyTrainingSetError,
  type TrainedModel,
  canonicalJson,
  testStartIndex,
  trainModel,
} from '../../domain/models/model.js';
import type { ModelVersionState } from '../../domain/strategies/model-strategy.js';
import type { Clock } from '../../ports/clock.js';
import type { BarColumns } from '../../ports/market-data.js';
import type {
  ModelCardBacktester,
  ModelVersionStore,
  TrainingCandles,
} from '../../ports/model-versions.js';
import type { TenantScope } from '../../ports/store.js';
import type { AuditService } from '../audit-service.js';
import type { ModelLibrary } from './model-library.js';

export interface ModelCaller {
  userId: string;
  actor: Actor;
  requestId: string;
}

const msOrNull = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** A stored version as the engine trades it. */
const stateOf = (v: ModelVersion, model: TrainedModel): ModelVersionState => ({
  version: v.id,
  tenantId: v.tenantId,
  model,
  disabledReason: v.disabledReason,
  approvedAt: msOrNull(v.approvedAt),
});

type CandleColumnsLike = Pick<BarColumns, 'time' | 'open' | 'high' | 'low' | 'close' | 'volume'>;

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** SHA-256 over the candle columns' bytes: which data a version was trained on, checkable later. */
export const candlesChecksum = (cols: CandleColumnsLike) => {
  const h = createHash('sha256');
  for (const c of [cols.time, cols.open, cols.high, cols.low, cols.close, cols.volume])
    h.update(new Uint8Array(c.buffer, c.byteOffset, c.byteLength));
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
      cardBacktest: ModelCardBacktester;
    },
  ) {}

  /** Loads every stored version into the library (at start, then on each refresh). */
  async refresh(): Promise<void> {
    for (const { version, model } of await this.deps.store.all())
      this.deps.library.put(stateOf(version, model));
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
    return this.register(scope, caller, {
      symbol: body.symbol,
      timeframe: body.timeframe,
      dataChecksum: candlesChecksum(cols),
      model,
      // The card's out-of-sample backtest: the test stretch only, traded as a profile would.
      card: () =>
        this.deps.cardBacktest({
          cols,
          fromIndex: testStartIndex(cols.close.length, model.settings),
          model,
        }),
    });
  }

  /**
   * Stores a trained model as a version (or answers the version it already is: the id derives
   * from the tenant and the artifact's checksum, so the same data, seed and settings register
   * once, however often or wherever they were trained), loads it for the engine and audits it.
   */
  async register(
    scope: TenantScope,
    caller: ModelCaller,
    input: {
      symbol: string;
      timeframe: string;
      dataChecksum: string;
      model: TrainedModel;
      card: () => Promise<ModelCardBacktest>;
    },
  ): Promise<ModelVersion> {
    const { model } = input;
    const artifact = canonicalJson(model);
    const checksum = sha256(artifact);
    const id = `mv-${sha256(`${scope.tenantId}:${checksum}`).slice(0, 16)}`;
    const existing = await this.deps.store.get(scope, id);
    if (existing) return existing;
    const version: ModelVersion = {
      id,
      tenantId: scope.tenantId,
      createdBy: caller.userId,
      createdAt: new Date(this.deps.clock.now()).toISOString(),
      symbol: input.symbol,
      timeframe: input.timeframe,
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
      dataChecksum: input.dataChecksum,
      disabledAt: null,
      disabledBy: null,
      disabledReason: null,
      approvedAt: null,
      approvedBy: null,
      approvalNote: null,
      importance: model.importance ?? null,
      backtest: await input.card(),
    };
    // Two deliveries of one job may race here: the second insert is a no-op, one version stands.
    if (!(await this.deps.store.insert(scope, { version, model, artifact })))
      return (await this.deps.store.get(scope, id)) ?? version;
    this.deps.library.put(stateOf(version, model));
    await this.deps.audit.record({
      actor: caller.actor,
      tenantId: scope.tenantId,
      action: 'model.train',
      target: `model:${id}`,
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

  /**
   * Approves a version for live-venue profiles, after its card was seen. Paper profiles need no
   * approval; a switched-off version cannot be approved (switch-offs are final: retrain).
   */
  async approve(
    scope: TenantScope,
    caller: ModelCaller,
    input: { id: string; note: string },
  ): Promise<ModelVersion> {
    const before = await this.get(scope, input.id);
    if (before.disabledAt !== null)
      throw new AppError(
        'CONFLICT',
        `Model version ${input.id} is switched off (${before.disabledReason ?? ''}); it cannot be approved.`,
      );
    if (before.approvedAt !== null) return before;
    const at = new Date(this.deps.clock.now()).toISOString();
    const after = await this.deps.store.approve(scope, { ...input, by: caller.userId, at });
    if (!after) throw new AppError('NOT_FOUND', 'No such model version.');
    const loaded = this.deps.library.forTenant(scope.tenantId, input.id);
    if (loaded) this.deps.library.put({ ...loaded, approvedAt: msOrNull(after.approvedAt) });
    await this.deps.audit.record({
      actor: caller.actor,
      tenantId: scope.tenantId,
      action: 'model.approve',
      target: `model:${input.id}`,
      after: { note: after.approvalNote, approvedAt: after.approvedAt },
      requestId: caller.requestId,
    });
    return after;
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
