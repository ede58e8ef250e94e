import { TIMEFRAME_MS, type Timeframe } from '@bytelyst/trading-contracts';
import type { Bar } from '../../../ports/market-data.js';

/** A venue's candle row as ccxt gives it: [openTime, open, high, low, close, volume]. */
export type OhlcvRow = readonly (number | undefined)[];

/** What a batch of rows brought: candles newly closed, in order, or the start of a gap. */
export type TakeResult =
  | { readonly kind: 'closed'; readonly bars: readonly Bar[] }
  | { readonly kind: 'gap'; readonly from: number };

/**
 * The closed candles of one symbol and timeframe on one venue. A venue's stream and its klines
 * both show the candle still open, so a candle counts as closed once a later candle has opened
 * (or, in a klines answer from venues that list only closed candles, once its end is `graceMs`
 * behind the clock).
 * Candles are handed on exactly once and in order; a hole between the last one handed on and the
 * rows given is reported as a gap for the caller to fill from the venue's history.
 */
export class ClosedCandles {
  private readonly ms: number;
  private readonly bars: Bar[] = [];
  /** Open time of the last candle handed on; -Infinity before the first. */
  private last = -Infinity;

  constructor(
    readonly symbol: string,
    readonly timeframe: Timeframe,
    private readonly o: { historyLimit: number; graceMs: number },
  ) {
    this.ms = TIMEFRAME_MS[timeframe];
  }

  get lastOpenTime(): number {
    return this.last;
  }

  /** The open time the next closed candle must have (null before the first). */
  expected(): number | null {
    return Number.isFinite(this.last) ? this.last + this.ms : null;
  }

  history(limit: number): readonly Bar[] {
    return this.bars.slice(Math.max(0, this.bars.length - limit));
  }

  /**
   * Rows in open-time order (a stream's cache or a klines answer). `complete`: the rows are the
   * venue's own history from `expected()` on, so a missing candle is one the venue never had
   * (no trades), not a gap to fill.
   */
  take(rows: readonly OhlcvRow[], o: { now: number; complete: boolean }): TakeResult {
    const closed = rows.filter((r, i) =>
      this.isClosed(rows, { i, now: o.now, byClock: o.complete }),
    );
    const fresh = closed.filter((r) => (r[0] ?? -Infinity) > this.last);
    // A stream's rows must follow on from the last candle without a hole.
    let next = this.expected();
    if (!o.complete && next !== null)
      for (const r of fresh) {
        if (r[0] !== next) return { kind: 'gap', from: next };
        next += this.ms;
      }
    const out: Bar[] = [];
    for (const r of fresh) {
      const bar = this.toBar(r);
      if (!bar) continue;
      out.push(bar);
      this.bars.push(bar);
      this.last = bar.openTime;
    }
    if (this.bars.length > this.o.historyLimit)
      this.bars.splice(0, this.bars.length - this.o.historyLimit);
    return { kind: 'closed', bars: out };
  }

  /**
   * A stream's row is closed only once a later candle opened: its final update comes before
   * that, however late the stream runs. A klines answer is the venue's history as of the call,
   * so a row whose end is `graceMs` behind the clock is final too.
   */
  private isClosed(
    rows: readonly OhlcvRow[],
    at: { i: number; now: number; byClock: boolean },
  ): boolean {
    const t = rows[at.i]?.[0];
    if (t === undefined) return false;
    if (rows.slice(at.i + 1).some((r) => (r[0] ?? -Infinity) > t)) return true;
    return at.byClock && t + this.ms + this.o.graceMs <= at.now;
  }

  private toBar(r: OhlcvRow): Bar | null {
    const [openTime, open, high, low, close, volume] = r;
    if (
      openTime === undefined ||
      open === undefined ||
      high === undefined ||
      low === undefined ||
      close === undefined
    )
      return null;
    return {
      kind: 'candle',
      symbol: this.symbol,
      timeframe: this.timeframe,
      openTime,
      open,
      high,
      low,
      close,
      volume: volume ?? 0,
    };
  }
}
