import { TIMEFRAME_MS, type Timeframe } from '@bytelyst/trading-contracts';
import type { Bar } from '../../ports/market-data.js';

interface Open {
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Aggregates ticks of one symbol into candles of several timeframes, keeping a bounded history. */
export class CandleAggregator {
  private readonly open = new Map<Timeframe, Open>();
  private readonly closed = new Map<Timeframe, Bar[]>();

  constructor(
    private readonly symbol: string,
    private readonly timeframes: readonly Timeframe[],
    private readonly historyLimit: number,
  ) {
    for (const tf of timeframes) this.closed.set(tf, []);
  }

  /** Adds a tick; returns the candles it closed (a tick in a new bucket closes the previous one). */
  add(o: { price: number; volume: number; at: number }): Bar[] {
    const out: Bar[] = [];
    for (const tf of this.timeframes) {
      const ms = TIMEFRAME_MS[tf];
      const bucket = Math.floor(o.at / ms) * ms;
      const cur = this.open.get(tf);
      if (cur && cur.openTime !== bucket) {
        const bar = this.close(tf, cur);
        out.push(bar);
      }
      if (!cur || cur.openTime !== bucket) {
        this.open.set(tf, {
          openTime: bucket,
          open: o.price,
          high: o.price,
          low: o.price,
          close: o.price,
          volume: o.volume,
        });
      } else {
        if (o.price > cur.high) cur.high = o.price;
        if (o.price < cur.low) cur.low = o.price;
        cur.close = o.price;
        cur.volume += o.volume;
      }
    }
    return out;
  }

  private close(tf: Timeframe, c: Open): Bar {
    const bar: Bar = {
      kind: 'candle',
      symbol: this.symbol,
      timeframe: tf,
      ...c,
      volume: Math.round(c.volume * 100) / 100,
    };
    const list = this.closed.get(tf);
    if (list) {
      list.push(bar);
      if (list.length > this.historyLimit) list.splice(0, list.length - this.historyLimit);
    }
    return bar;
  }

  /** The candle still open in `tf` (its values so far), or undefined before the first tick. */
  forming(tf: Timeframe): Bar | undefined {
    const c = this.open.get(tf);
    return c ? { kind: 'candle', symbol: this.symbol, timeframe: tf, ...c } : undefined;
  }

  history(tf: Timeframe, limit: number): readonly Bar[] {
    const list = this.closed.get(tf) ?? [];
    return list.slice(Math.max(0, list.length - limit));
  }
}
