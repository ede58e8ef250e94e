import type { StrategyConfig, StrategyId } from '@bytelyst/trading-contracts';

/**
 * What a strategy says after a closed candle. Long-only: +1 want to be long, -1 want to be flat.
 * Kept as numbers so a HOLD candle allocates nothing; named inputs are built only when a decision
 * is recorded.
 */
export const SIGNAL_HOLD = 0;
export const SIGNAL_ENTER = 1;
export const SIGNAL_EXIT = -1;
export type SignalKind = typeof SIGNAL_HOLD | typeof SIGNAL_ENTER | typeof SIGNAL_EXIT;

/** The candle fields a strategy reads (float64 indicator space). */
export interface StrategyBar {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * One strategy instance per (profile, symbol). `update` feeds a closed candle into its
 * incremental indicators and returns the signal, a deterministic function of the candles seen and
 * the validated params. `strength` (-1..1) and `inputs()` describe the latest evaluation.
 */
export interface Strategy {
  readonly id: StrategyId;
  /** Candles needed before the first signal can be given. */
  readonly warmup: number;
  update(bar: StrategyBar): SignalKind;
  readonly strength: number;
  /** Named numbers behind the latest evaluation (a model strategy adds its version as a label). */
  inputs(): Record<string, number | string>;
  /** Short code naming why the last signal was given, e.g. "SMA_CROSS_UP". */
  readonly reason: string;
  /**
   * Model strategies: set once its live drift watch passed its bound, with the figures. The
   * engine turns it into the controls' model layer (entries stop) and one alert.
   */
  readonly driftBreach?: string | null;
}

export type StrategyFactory<C extends StrategyConfig = StrategyConfig> = (
  params: C['params'],
) => Strategy;

export function clampStrength(x: number): number {
  if (Number.isNaN(x)) return 0;
  return x > 1 ? 1 : x < -1 ? -1 : x;
}
