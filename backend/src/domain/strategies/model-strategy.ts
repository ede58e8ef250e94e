import type { ModelStrategyParams } from '@bytelyst/trading-contracts';
import { DriftWatch } from '../models/drift.js';
import { FeatureRow } from '../models/features.js';
import { type TrainedModel, explain, logOddsOf } from '../models/model.js';
import { sigmoid } from '../models/linear-algebra.js';
import {
  SIGNAL_ENTER,
  SIGNAL_EXIT,
  SIGNAL_HOLD,
  type SignalKind,
  type Strategy,
  type StrategyBar,
  clampStrength,
} from './strategy.js';

/** Where a strategy finds a model version: the registry's loaded models (a map in tests). */
export interface ModelLookup {
  model(version: string): ModelVersionState | undefined;
}

/** A lookup that holds no model (an engine without a registry: backtests of rule strategies). */
export const NO_MODELS: ModelLookup = { model: () => undefined };

/** A model version as the engine sees it: the artifact and whether the kill switch is on. */
export interface ModelVersionState {
  readonly version: string;
  /** Only this tenant's profiles may use the version. */
  readonly tenantId: string;
  readonly model: TrainedModel;
  /** Set by the model kill switch: its profiles' entries stop (the controls' model layer). */
  readonly disabledReason: string | null;
  /** When a tenant admin or operator approved it for live venues (epoch ms); null: paper only. */
  readonly approvedAt: number | null;
}

/**
 * The version if `tenantId` may use it: another tenant's version is as unknown as a missing one.
 * Every tenant-facing lookup (the engine's slots and controls, the API) goes through this.
 */
export function tenantModel(
  lookup: ModelLookup,
  tenantId: string,
  version: string,
): ModelVersionState | undefined {
  const found = lookup.model(version);
  return found?.tenantId === tenantId ? found : undefined;
}

/** How many feature contributions a decision keeps (largest in absolute value). */
export const TOP_CONTRIBUTIONS = 5;

/**
 * The model proposes; the engine disposes. Each closed candle updates the feature streams (the
 * same code the training ran) and the model's probability p. Flat and p above `enterAbove`:
 * ENTER; long and p below `exitBelow`: EXIT. The model's switches (kill switch, drift, approval)
 * are the controls' model layer, not the strategy's: it keeps proposing, and the one gate refuses
 * its entries with the layer's reason. A version the registry does not hold holds.
 */
export class ModelStrategy implements Strategy {
  readonly id = 'model' as const;
  readonly warmup: number;
  strength = 0;
  reason = 'WARMUP';
  private readonly row: FeatureRow | null;
  private readonly watch: DriftWatch | null;
  private readonly scratch: Float64Array;
  private p = NaN;
  private close = NaN;
  /** The version as looked up for the latest candle (inputs() explains that candle). */
  private current: ModelVersionState | undefined;

  constructor(
    private readonly params: ModelStrategyParams,
    private readonly models: ModelLookup | undefined,
  ) {
    const state = models?.model(params.modelVersion);
    const features = state?.model.features ?? [];
    this.row = state ? new FeatureRow(features) : null;
    this.watch = state
      ? new DriftWatch(state.model, {
          window: params.driftWindow,
          psiMax: params.driftPsiMax,
          hitRateDrop: params.driftHitRateDrop,
        })
      : null;
    this.scratch = new Float64Array(features.length);
    // The longest built-in window (50-candle average) plus the MACD's 26 + 9 settle well before 60.
    this.warmup = 60;
  }

  private state(): ModelVersionState | undefined {
    return this.models?.model(this.params.modelVersion);
  }

  update(bar: StrategyBar): SignalKind {
    this.close = bar.close;
    const state = this.state();
    this.current = state;
    if (!state || !this.row) {
      // Stops, targets and the drawdown watch still guard an open position.
      this.reason = 'MODEL_UNAVAILABLE';
      this.p = NaN;
      return SIGNAL_HOLD;
    }
    const ready = this.row.update(bar);
    if (!ready) {
      this.reason = 'WARMUP';
      this.p = NaN;
      return SIGNAL_HOLD;
    }
    const p = sigmoid(logOddsOf(state.model.fitted, this.row.values, this.scratch));
    this.p = p;
    this.watch?.observe(this.row.values, bar.close, p);
    this.strength = clampStrength((p - 0.5) * 2);
    if (p < this.params.exitBelow) {
      this.reason = 'MODEL_P_BELOW_EXIT';
      return SIGNAL_EXIT;
    }
    if (p > this.params.enterAbove) {
      this.reason = 'MODEL_P_ABOVE_ENTRY';
      return SIGNAL_ENTER;
    }
    this.reason = 'MODEL_P_BETWEEN';
    return SIGNAL_HOLD;
  }

  /**
   * The explanation of the latest candle, built only when a decision is recorded: model version,
   * p, the thresholds, the base value and the top contributions (feature values in the log-odds;
   * base + every contribution = logit(p)).
   */
  inputs(): Record<string, number | string> {
    const out: Record<string, number | string> = {
      model: this.params.modelVersion,
      close: this.close,
      p: this.p,
      enterAbove: this.params.enterAbove,
      exitBelow: this.params.exitBelow,
    };
    const state = this.current;
    if (!state || !this.row || Number.isNaN(this.p)) return out;
    const contributions = new Float64Array(state.model.features.length);
    const { base } = explain(state.model.fitted, this.row.values, contributions);
    out.base = base;
    const order = state.model.features
      .map((f, j) => ({ f, c: contributions[j] as number, x: this.row?.values[j] as number }))
      .sort((a, b) => Math.abs(b.c) - Math.abs(a.c))
      .slice(0, TOP_CONTRIBUTIONS);
    for (const { f, c, x } of order) {
      out[`contribution.${f}`] = c;
      out[`value.${f}`] = x;
    }
    return out;
  }

  get driftBreach(): string | null {
    return this.watch?.breach ?? null;
  }

  /** What the drift watch measured so far (the model card's live panel, tests). */
  driftReading() {
    return this.watch?.reading() ?? null;
  }

  /** The model version id, for the decision record. */
  get modelVersion(): string {
    return this.params.modelVersion;
  }
}
