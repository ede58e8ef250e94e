import type { FeatureId } from '@bytelyst/trading-contracts';
import { Ema, Rsi, Sma } from '../strategies/indicators/moving-averages.js';
import { RollingExtreme } from '../strategies/indicators/channel.js';

/** The candle fields features read; `openTime` (ms epoch, UTC) feeds the calendar features. */
export interface FeatureBar {
  readonly openTime?: number | undefined;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * One feature as a stream: `update` takes the next closed candle and returns the feature's value
 * at that candle (NaN while warming up). A stream sees candles one at a time, in order, so it
 * cannot read a later candle; training, backtests and live trading all run these same objects.
 */
export interface FeatureStream {
  update(bar: FeatureBar): number;
}

/** Rolling mean and standard deviation (population) over a fixed window, O(1) per update. */
class RollingStats {
  private readonly ring: Float64Array;
  private idx = 0;
  private count = 0;
  private sum = 0;
  private sumSq = 0;
  constructor(private readonly period: number) {
    this.ring = new Float64Array(period);
  }
  update(x: number): void {
    const old = this.ring[this.idx] ?? 0;
    this.ring[this.idx] = x;
    this.idx = this.idx + 1 === this.period ? 0 : this.idx + 1;
    if (this.count < this.period) this.count++;
    else {
      this.sum -= old;
      this.sumSq -= old * old;
    }
    this.sum += x;
    this.sumSq += x * x;
    // Refresh once per wrap so rounding cannot accumulate over millions of candles.
    if (this.idx === 0 && this.count === this.period) {
      let s = 0;
      let q = 0;
      for (let i = 0; i < this.period; i++) {
        const v = this.ring[i] ?? 0;
        s += v;
        q += v * v;
      }
      this.sum = s;
      this.sumSq = q;
    }
  }
  get ready(): boolean {
    return this.count === this.period;
  }
  get mean(): number {
    return this.ready ? this.sum / this.period : NaN;
  }
  get std(): number {
    if (!this.ready) return NaN;
    const m = this.sum / this.period;
    const v = this.sumSq / this.period - m * m;
    return v > 0 ? Math.sqrt(v) : 0;
  }
}

/** Log return over `n` candles: ln(close_t / close_{t-n}). */
class LogReturn implements FeatureStream {
  private readonly ring: Float64Array;
  private idx = 0;
  private count = 0;
  constructor(private readonly n: number) {
    this.ring = new Float64Array(n);
  }
  update(bar: FeatureBar): number {
    const past = this.ring[this.idx] ?? NaN;
    this.ring[this.idx] = bar.close;
    this.idx = this.idx + 1 === this.n ? 0 : this.idx + 1;
    if (this.count < this.n) {
      this.count++;
      return NaN;
    }
    return Math.log(bar.close / past);
  }
}

class RsiFeature implements FeatureStream {
  private readonly rsi = new Rsi(14);
  update(bar: FeatureBar): number {
    return this.rsi.update(bar.close) / 100;
  }
}

class MacdHistogram implements FeatureStream {
  private readonly fast = new Ema(12);
  private readonly slow = new Ema(26);
  private readonly signal = new Ema(9);
  update(bar: FeatureBar): number {
    const f = this.fast.update(bar.close);
    const s = this.slow.update(bar.close);
    if (Number.isNaN(s)) return NaN;
    const macd = f - s;
    const sig = this.signal.update(macd);
    return Number.isNaN(sig) ? NaN : (macd - sig) / bar.close;
  }
}

/** Wilder's average true range, as a fraction of the close. */
class AtrFeature implements FeatureStream {
  private prevClose = NaN;
  private count = 0;
  private atr = 0;
  constructor(private readonly n: number) {}
  update(bar: FeatureBar): number {
    const prev = this.prevClose;
    this.prevClose = bar.close;
    if (Number.isNaN(prev)) return NaN;
    const tr = Math.max(bar.high - bar.low, Math.abs(bar.high - prev), Math.abs(bar.low - prev));
    if (this.count < this.n) {
      this.count++;
      this.atr += tr / this.n;
      return this.count < this.n ? NaN : this.atr / bar.close;
    }
    this.atr = (this.atr * (this.n - 1) + tr) / this.n;
    return this.atr / bar.close;
  }
}

class RealisedVolatility implements FeatureStream {
  private readonly ret = new LogReturn(1);
  private readonly stats: RollingStats;
  constructor(n: number) {
    this.stats = new RollingStats(n);
  }
  update(bar: FeatureBar): number {
    const r = this.ret.update(bar);
    if (Number.isNaN(r)) return NaN;
    this.stats.update(r);
    return this.stats.std;
  }
}

/** This candle's volume against the mean and deviation of the `n` candles before it. */
class VolumeZScore implements FeatureStream {
  private readonly stats: RollingStats;
  constructor(n: number) {
    this.stats = new RollingStats(n);
  }
  update(bar: FeatureBar): number {
    const mean = this.stats.mean;
    const std = this.stats.std;
    this.stats.update(bar.volume);
    if (Number.isNaN(mean)) return NaN;
    return std > 0 ? (bar.volume - mean) / std : 0;
  }
}

class DistanceToAverage implements FeatureStream {
  private readonly sma: Sma;
  constructor(n: number) {
    this.sma = new Sma(n);
  }
  update(bar: FeatureBar): number {
    const m = this.sma.update(bar.close);
    return Number.isNaN(m) ? NaN : bar.close / m - 1;
  }
}

class ChannelPosition implements FeatureStream {
  private readonly hi: RollingExtreme;
  private readonly lo: RollingExtreme;
  constructor(n: number) {
    this.hi = new RollingExtreme(n, 'max');
    this.lo = new RollingExtreme(n, 'min');
  }
  update(bar: FeatureBar): number {
    const h = this.hi.update(bar.high);
    const l = this.lo.update(bar.low);
    if (Number.isNaN(h) || Number.isNaN(l)) return NaN;
    return h > l ? (bar.close - l) / (h - l) : 0.5;
  }
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
// 1970-01-01 was a Thursday; shift so the week's phase starts on Monday 00:00 UTC.
const MONDAY_OFFSET_MS = 3 * DAY_MS;

/** A calendar feature: the candle's close time (open + nothing: its open time) on a circle. */
class CalendarPhase implements FeatureStream {
  constructor(
    private readonly periodMs: number,
    private readonly offsetMs: number,
    private readonly fn: (x: number) => number,
  ) {}
  update(bar: FeatureBar): number {
    const t = bar.openTime;
    if (t === undefined || !Number.isFinite(t)) return NaN;
    const phase = (((t + this.offsetMs) % this.periodMs) + this.periodMs) % this.periodMs;
    return this.fn((2 * Math.PI * phase) / this.periodMs);
  }
}

const FACTORIES: Record<FeatureId, () => FeatureStream> = {
  ret_1: () => new LogReturn(1),
  ret_5: () => new LogReturn(5),
  ret_20: () => new LogReturn(20),
  rsi_14: () => new RsiFeature(),
  macd_hist: () => new MacdHistogram(),
  atr_14: () => new AtrFeature(14),
  vol_20: () => new RealisedVolatility(20),
  volume_z_20: () => new VolumeZScore(20),
  dist_sma_20: () => new DistanceToAverage(20),
  dist_sma_50: () => new DistanceToAverage(50),
  channel_pos_20: () => new ChannelPosition(20),
  hour_sin: () => new CalendarPhase(DAY_MS, 0, Math.sin),
  hour_cos: () => new CalendarPhase(DAY_MS, 0, Math.cos),
  weekday_sin: () => new CalendarPhase(WEEK_MS, MONDAY_OFFSET_MS, Math.sin),
  weekday_cos: () => new CalendarPhase(WEEK_MS, MONDAY_OFFSET_MS, Math.cos),
};

/** A feature the pipeline can run: a declared id, or a custom stream (research, tests). */
export interface FeatureDefinition {
  readonly id: string;
  /** A fresh stream; given the columns it will be fed, as a column-wise feature would be. */
  create(columns: CandleColumns): FeatureStream;
}

export const builtInFeature = (id: FeatureId): FeatureDefinition => ({
  id,
  create: FACTORIES[id],
});

/** Candles as columns (the shape of a replay or the candles store), time = open time in ms. */
export interface CandleColumns {
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/**
 * The streams of one feature set, fed together. `update` writes the row into `values` and says
 * whether every feature has a finite value (false during warm-up or on a gap in the data).
 */
export class FeatureRow {
  readonly values: Float64Array;
  private readonly streams: FeatureStream[];

  constructor(ids: readonly FeatureId[]) {
    this.streams = ids.map((id) => FACTORIES[id]());
    this.values = new Float64Array(ids.length);
  }

  update(bar: FeatureBar): boolean {
    let ok = true;
    for (let j = 0; j < this.streams.length; j++) {
      const v = (this.streams[j] as FeatureStream).update(bar);
      this.values[j] = v;
      if (!Number.isFinite(v)) ok = false;
    }
    return ok;
  }
}
