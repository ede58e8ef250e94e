import type { ModelVersion } from '@bytelyst/trading-contracts';
import type { TrainedModel } from '../domain/models/model.js';
import type { TenantScope } from './store.js';

/** A version as written: the API's view plus the trained model itself. */
export interface StoredModelVersion {
  readonly version: ModelVersion;
  readonly model: TrainedModel;
}

/** The model registry's storage (migration 0016). */
export interface ModelVersionStore {
  /** `artifact` is the model's canonical JSON, stored byte for byte as hashed. */
  insert(scope: TenantScope, v: StoredModelVersion & { artifact: string }): Promise<void>;
  list(scope: TenantScope): Promise<ModelVersion[]>;
  get(scope: TenantScope, id: string): Promise<ModelVersion | null>;
  /** Every tenant's versions with their models: what a process loads to trade with. */
  all(): Promise<StoredModelVersion[]>;
  disable(
    scope: TenantScope,
    input: { id: string; by: string; reason: string; at: string },
  ): Promise<ModelVersion | null>;
}

/** Candles a model is trained on: columns of open time (ms) and prices, oldest first. */
export interface TrainingCandles {
  candles(input: { symbol: string; timeframe: string; count: number; endTime: number }): {
    time: Float64Array;
    open: Float64Array;
    high: Float64Array;
    low: Float64Array;
    close: Float64Array;
    volume: Float64Array;
  };
}
