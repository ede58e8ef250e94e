import type { Instrument, PriceTick } from '@bytelyst/trading-contracts';
import { type Fixed, parseFixed, roundToStep } from '../../domain/money/fixed.js';
import type { Mark } from '../../domain/portfolio/valuation.js';

/**
 * The marks positions are valued at: each symbol's last trade price on the market feed, rounded
 * to the instrument's tick (half-up), with the time the market printed it. One per instance, fed
 * by the engine's price events; every tenant's valuation reads the same marks.
 */
export class MarkBook {
  private readonly marks = new Map<string, Mark>();
  private readonly ticks = new Map<string, Fixed>();

  constructor(instruments: readonly Instrument[], prices: readonly PriceTick[] = []) {
    for (const i of instruments) this.ticks.set(i.symbol, parseFixed(i.tickSize));
    for (const p of prices) this.onPrice(p);
  }

  /** Takes a price tick; true when the mark moved (a new price or a newer print). */
  onPrice(t: PriceTick): boolean {
    const tick = this.ticks.get(t.symbol);
    const raw = parseFixed(t.price);
    const price = tick ? roundToStep(raw, tick, 'half-up') : raw;
    const at = Date.parse(t.at);
    const prev = this.marks.get(t.symbol);
    if (prev && prev.at > at) return false;
    this.marks.set(t.symbol, { price: price > 0n ? price : raw, at });
    return !prev || prev.price !== price;
  }

  get(symbol: string): Mark | null {
    return this.marks.get(symbol) ?? null;
  }
}
