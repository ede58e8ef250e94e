import type { SmaCrossParams } from '@bytelyst/trading-contracts';
import { Ema, Sma } from './indicators/moving-averages.js';
import {
  SIGNAL_ENTER,
  SIGNAL_EXIT,
  SIGNAL_HOLD,
  type SignalKind,
  type Strategy,
  type StrategyBar,
  clampStrength,
} from './strategy.js';

/** Enters when the fast average crosses above the slow one; exits on the cross back down. */
export class SmaCrossStrategy implements Strategy {
  readonly id = 'sma-cross' as const;
  readonly warmup: number;
  strength = 0;
  reason = 'WARMUP';
  private readonly fast: Sma | Ema;
  private readonly slow: Sma | Ema;
  private prevDiff = NaN;
  private close = NaN;

  constructor(params: SmaCrossParams) {
    const Avg = params.kind === 'ema' ? Ema : Sma;
    this.fast = new Avg(params.fastPeriod);
    this.slow = new Avg(params.slowPeriod);
    this.warmup = params.slowPeriod + 1;
  }

  update(bar: StrategyBar): SignalKind {
    this.close = bar.close;
    const f = this.fast.update(bar.close);
    const s = this.slow.update(bar.close);
    const diff = f - s;
    const prev = this.prevDiff;
    this.prevDiff = diff;
    if (Number.isNaN(diff) || Number.isNaN(prev)) {
      this.strength = 0;
      this.reason = 'WARMUP';
      return SIGNAL_HOLD;
    }
    // Strength: the gap between the averages in percent of price, saturating at 1 %.
    this.strength = clampStrength((diff / s) * 100);
    if (prev <= 0 && diff > 0) {
      this.reason = 'MA_CROSS_UP';
      return SIGNAL_ENTER;
    }
    if (prev >= 0 && diff < 0) {
      this.reason = 'MA_CROSS_DOWN';
      return SIGNAL_EXIT;
    }
    this.reason = diff > 0 ? 'MA_ABOVE' : 'MA_BELOW';
    return SIGNAL_HOLD;
  }

  inputs(): Record<string, number> {
    return {
      close: this.close,
      fast: this.fast.value,
      slow: this.slow.value,
      strength: this.strength,
    };
  }
}
