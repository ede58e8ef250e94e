/**
 * Rolling maximum or minimum over the last `period` inputs with a monotonic deque held in typed
 * ring buffers: O(1) amortised per update and no allocation.
 */
export class RollingExtreme {
  readonly period: number;
  private readonly isMax: boolean;
  private readonly vals: Float64Array;
  private readonly seqs: Float64Array;
  private head = 0;
  private size = 0;
  private seq = 0;
  value = NaN;

  constructor(period: number, kind: 'max' | 'min') {
    this.period = period;
    this.isMax = kind === 'max';
    this.vals = new Float64Array(period + 1);
    this.seqs = new Float64Array(period + 1);
  }

  update(x: number): number {
    const cap = this.vals.length;
    // Drop from the back every value the new one dominates.
    while (this.size > 0) {
      const back = (this.head + this.size - 1) % cap;
      const v = this.vals[back] ?? 0;
      if (this.isMax ? v <= x : v >= x) this.size--;
      else break;
    }
    const tail = (this.head + this.size) % cap;
    this.vals[tail] = x;
    this.seqs[tail] = this.seq;
    this.size++;
    // Drop from the front what has left the window.
    while ((this.seqs[this.head] ?? 0) <= this.seq - this.period) {
      this.head = (this.head + 1) % cap;
      this.size--;
    }
    this.seq++;
    this.value = this.seq >= this.period ? (this.vals[this.head] ?? NaN) : NaN;
    return this.value;
  }
}

/** Donchian channel: highest high and lowest low of the last `period` candles. */
export class Donchian {
  private readonly hi: RollingExtreme;
  private readonly lo: RollingExtreme;

  constructor(period: number) {
    this.hi = new RollingExtreme(period, 'max');
    this.lo = new RollingExtreme(period, 'min');
  }

  get upper(): number {
    return this.hi.value;
  }

  get lower(): number {
    return this.lo.value;
  }

  update(high: number, low: number): void {
    this.hi.update(high);
    this.lo.update(low);
  }
}
