import { SIGNAL_ENTER, SIGNAL_EXIT } from '../domain/strategies/strategy.js';
import type { Bar } from '../ports/market-data.js';
import type { TradedSymbol } from './runtime.js';

/** What a closed candle asks of a slot. Numbers, so the per-candle path allocates nothing. */
export const INTENT_NONE = 0;
export const INTENT_ENTER = 1;
export const INTENT_EXIT = 2;
export const INTENT_STOP = 3;
export const INTENT_TAKE = 4;
export const INTENT_DRAWDOWN = 5;
export type Intent = 0 | 1 | 2 | 3 | 4 | 5;

export const INTENT_NAME = ['hold', 'enter', 'exit', 'stop', 'take', 'drawdown'] as const;

/**
 * The synchronous per-candle step: strategy update, protective exits and the drawdown watch in
 * float space. Most candles end here with INTENT_NONE (a HOLD) and never touch exact money.
 */
export function evaluateSlot(slot: TradedSymbol, bar: Bar): Intent {
  const signal = slot.strategy.update(bar);
  const close = bar.close;
  slot.last = close;
  const q = slot.qtyFloat;
  if (q !== 0) {
    if (q > 0 ? close <= slot.stopFloat : close >= slot.stopFloat) return INTENT_STOP;
    if (q > 0 ? close >= slot.takeFloat : close <= slot.takeFloat) return INTENT_TAKE;
    const p = slot.profile;
    let eq = p.cashFloat;
    const list = p.slotList;
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (s && s.qtyFloat !== 0) eq += s.qtyFloat * s.last;
    }
    if (p.peakFloat > 0 && (p.peakFloat - eq) / p.peakFloat >= p.drawdownLimitFloat)
      return INTENT_DRAWDOWN;
  }
  if (signal === SIGNAL_ENTER && q === 0) return INTENT_ENTER;
  if (signal === SIGNAL_EXIT && q > 0) return INTENT_EXIT;
  return INTENT_NONE;
}

/** Stop-loss or take-profit for a live price (ticks between candles). */
export function evaluateProtective(slot: TradedSymbol, price: number): Intent {
  const q = slot.qtyFloat;
  if (q === 0) return INTENT_NONE;
  if (q > 0 ? price <= slot.stopFloat : price >= slot.stopFloat) return INTENT_STOP;
  if (q > 0 ? price >= slot.takeFloat : price <= slot.takeFloat) return INTENT_TAKE;
  return INTENT_NONE;
}
