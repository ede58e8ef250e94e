import type { RsiReversionParams } from '@bytelyst/trading-contracts';
import { Rsi } from './indicators/moving-averages.js';
import {
  SIGNAL_ENTER,
  SIGNAL_EXIT,
  SIGNAL_HOLD,
  type SignalKind,
  type Strategy,
  type StrategyBar,
  clampStrength,
} from './strategy.js';

/** Buys when RSI falls below `oversold`; sells when it climbs above `overbought`. */
export class RsiReversionStrategy implements Strategy {
  readonly id = 'rsi-reversion' as const;
  readonly warmup: number;
  strength = 0;
  reason = 'WARMUP';
  private readonly rsi: Rsi;
  private close = NaN;

  constructor(private readonly params: RsiReversionParams) {
    this.rsi = new Rsi(params.period);
    this.warmup = params.period + 1;
  }

  update(bar: StrategyBar): SignalKind {
    this.close = bar.close;
    const r = this.rsi.update(bar.close);
    if (Number.isNaN(r)) {
      this.strength = 0;
      this.reason = 'WARMUP';
      return SIGNAL_HOLD;
    }
    // Strength: how far RSI sits from 50, scaled so the thresholds map to about +-1.
    this.strength = clampStrength((50 - r) / (50 - this.params.oversold));
    if (r < this.params.oversold) {
      this.reason = 'RSI_OVERSOLD';
      return SIGNAL_ENTER;
    }
    if (r > this.params.overbought) {
      this.reason = 'RSI_OVERBOUGHT';
      return SIGNAL_EXIT;
    }
    this.reason = 'RSI_NEUTRAL';
    return SIGNAL_HOLD;
  }

  inputs(): Record<string, number> {
    return {
      close: this.close,
      rsi: this.rsi.value,
      oversold: this.params.oversold,
      overbought: this.params.overbought,
      strength: this.strength,
    };
  }
}
