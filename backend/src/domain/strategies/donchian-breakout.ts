import type { DonchianBreakoutParams } from '@bytelyst/trading-contracts';
import { Donchian } from './indicators/channel.js';
import {
  SIGNAL_ENTER,
  SIGNAL_EXIT,
  SIGNAL_HOLD,
  type SignalKind,
  type Strategy,
  type StrategyBar,
  clampStrength,
} from './strategy.js';

/**
 * Buys a close above the highest high of the previous `entryPeriod` candles; exits on a close
 * below the lowest low of the previous `exitPeriod` candles. The channels exclude the current
 * candle, otherwise a close could never exceed its own high.
 */
export class DonchianBreakoutStrategy implements Strategy {
  readonly id = 'donchian-breakout' as const;
  readonly warmup: number;
  strength = 0;
  reason = 'WARMUP';
  private readonly entry: Donchian;
  private readonly exit: Donchian;
  private close = NaN;
  private upper = NaN;
  private lower = NaN;

  constructor(params: DonchianBreakoutParams) {
    this.entry = new Donchian(params.entryPeriod);
    this.exit = new Donchian(params.exitPeriod);
    this.warmup = Math.max(params.entryPeriod, params.exitPeriod) + 1;
  }

  update(bar: StrategyBar): SignalKind {
    this.close = bar.close;
    this.upper = this.entry.upper;
    this.lower = this.exit.lower;
    this.entry.update(bar.high, bar.low);
    this.exit.update(bar.high, bar.low);
    if (Number.isNaN(this.upper) || Number.isNaN(this.lower)) {
      this.strength = 0;
      this.reason = 'WARMUP';
      return SIGNAL_HOLD;
    }
    const width = this.upper - this.lower;
    if (bar.close > this.upper) {
      this.strength = clampStrength(width > 0 ? (bar.close - this.upper) / width + 0.5 : 1);
      this.reason = 'BREAKOUT_UP';
      return SIGNAL_ENTER;
    }
    if (bar.close < this.lower) {
      this.strength = -clampStrength(width > 0 ? (this.lower - bar.close) / width + 0.5 : 1);
      this.reason = 'BREAKDOWN';
      return SIGNAL_EXIT;
    }
    this.strength = 0;
    this.reason = 'IN_CHANNEL';
    return SIGNAL_HOLD;
  }

  inputs(): Record<string, number> {
    return { close: this.close, upper: this.upper, lower: this.lower, strength: this.strength };
  }
}
