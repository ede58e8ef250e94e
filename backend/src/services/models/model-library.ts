import {
  type ModelLookup,
  type ModelVersionState,
  tenantModel,
} from '../../domain/strategies/model-strategy.js';

/**
 * The model versions this process can trade with, shared by the engine (model strategies read
 * them on every candle, so a kill switch set here applies from the next candle) and the API
 * (which refuses a profile or backtest naming a version its tenant does not hold).
 */
export class ModelLibrary implements ModelLookup {
  private readonly versions = new Map<string, ModelVersionState>();

  model(version: string): ModelVersionState | undefined {
    return this.versions.get(version);
  }

  /** The version if `tenantId` may use it; another tenant's version is as unknown as a missing one. */
  forTenant(tenantId: string, version: string): ModelVersionState | undefined {
    return tenantModel(this, tenantId, version);
  }

  put(state: ModelVersionState): void {
    this.versions.set(state.version, state);
  }
}
