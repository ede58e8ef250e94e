import type { ModelCardBacktest, ModelVersion, Timeframe } from '@bytelyst/trading-contracts';
import type { TrainedModel } from '../domain/models/model.js';
import type { BarColumns } from './market-data.js';
import type { TenantScope } from './store.js';

/** A version as written: the API's view plus the trained model itself. */
export interface StoredModelVersion {
  readonly version: ModelVersion;
  readonly model: TrainedModel;
}

/** The model registry's storage (migrations 0016, 0017). */
export interface ModelVersionStore {
  /**
   * `artifact` is the model's canonical JSON, stored byte for byte as hashed. False when the
   * version was already there (the same id: nothing is written).
   */
  insert(scope: TenantScope, v: StoredModelVersion & { artifact: string }): Promise<boolean>;
  list(scope: TenantScope): Promise<ModelVersion[]>;
  get(scope: TenantScope, id: string): Promise<ModelVersion | null>;
  /** Every tenant's versions with their models: what a process loads to trade with. */
  all(): Promise<StoredModelVersion[]>;
  disable(
    scope: TenantScope,
    input: { id: string; by: string; reason: string; at: string },
  ): Promise<ModelVersion | null>;
  /** Records the first approval of a version that is not switched off; answers the version. */
  approve(
    scope: TenantScope,
    input: { id: string; by: string; note: string; at: string },
  ): Promise<ModelVersion | null>;
}

/** Candles a model is trained on: columns of open time (ms) and prices, oldest first. */
export interface TrainingCandles {
  candles(input: {
    symbol: string;
    timeframe: Timeframe;
    count: number;
    endTime: number;
  }): BarColumns;
}

/**
 * Backtests a freshly trained model on its own test stretch (from `fromIndex`, the first candle
 * after the purge and embargo) as a profile would trade it: next-open fills, default costs.
 */
export type ModelCardBacktester = (input: {
  cols: BarColumns;
  fromIndex: number;
  model: TrainedModel;
}) => Promise<ModelCardBacktest>;
