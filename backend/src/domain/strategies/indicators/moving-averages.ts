/**
 * Incremental indicators over float64 (they are not money). Each keeps a fixed ring buffer, so
 * an update allocates nothing: a backtest of millions of candles runs without garbage.
 * `value` is NaN until the indicator has seen enough input.
 */
export class Sma {
  readonly period: number;
  private readonly ring: Float64Array;
  private idx = 0;
  private count = 0;
  private sum = 0;
  value = NaN;

  constructor(period: number) {
    this.period = period;
    this.ring = new Float64Array(period);
  }

  update(x: number): number {
    const old = this.ring[this.idx] ?? 0;
    this.ring[this.idx] = x;
    this.idx = this.idx + 1 === this.period ? 0 : this.idx + 1;
    if (this.count < this.period) {
      this.count++;
      this.sum += x;
    } else {
      this.sum += x - old;
      // Refresh the running sum once per wrap so rounding error cannot accumulate.
      if (this.idx === 0) {
        let s = 0;
        for (let i = 0; i < this.period; i++) s += this.ring[i] ?? 0;
        this.sum = s;
      }
    }
    this.value = this.count === this.period ? this.sum / this.period : NaN;
    return this.value;
  }
}

/** Exponential moving average seeded with the SMA of its first `period` inputs (the usual convention). */
export class Ema {
  readonly period: number;
  private readonly alpha: number;
  private count = 0;
  private seed = 0;
  value = NaN;

  constructor(period: number) {
    this.period = period;
    this.alpha = 2 / (period + 1);
  }

  update(x: number): number {
    if (this.count < this.period) {
      this.count++;
      this.seed += x;
      if (this.count === this.period) this.value = this.seed / this.period;
      return this.value;
    }
    this.value += this.alpha * (x - this.value);
    return this.value;
  }
}

/** Wilder's RSI: averages seeded with the simple mean of the first `period` changes, then smoothed. */
export class Rsi {
  readonly period: number;
  private prev = NaN;
  private count = 0;
  private avgGain = 0;
  private avgLoss = 0;
  value = NaN;

  constructor(period: number) {
    this.period = period;
  }

  update(x: number): number {
    if (Number.isNaN(this.prev)) {
      this.prev = x;
      return this.value;
    }
    const change = x - this.prev;
    this.prev = x;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    const n = this.period;
    if (this.count < n) {
      this.count++;
      this.avgGain += gain / n;
      this.avgLoss += loss / n;
      if (this.count < n) return this.value;
    } else {
      this.avgGain = (this.avgGain * (n - 1) + gain) / n;
      this.avgLoss = (this.avgLoss * (n - 1) + loss) / n;
    }
    this.value =
      this.avgLoss === 0
        ? this.avgGain === 0
          ? 50
          : 100
        : 100 - 100 / (1 + this.avgGain / this.avgLoss);
    return this.value;
  }
}
