/**
 * Max drawdown over a stream of equity values, one at a time, in float space (a backtest feeds
 * it every candle, so it must cost a few comparisons, not an allocation). Same definition as
 * `maxDrawdown` over exact values: the largest fall from a running peak as a fraction of it, with
 * when the peak was set, when the trough came and when equity first regained that peak.
 */
export class DrawdownTracker {
  private peak = -Infinity;
  private peakAt = 0;
  pct = 0;
  amount = 0;
  worstPeakAt: number | null = null;
  troughAt: number | null = null;
  recoveredAt: number | null = null;
  private worstPeak = 0;
  private open = false;
  last = NaN;

  push(at: number, equity: number): void {
    this.last = equity;
    if (equity > this.peak) {
      this.peak = equity;
      this.peakAt = at;
    }
    if (this.open && equity >= this.worstPeak) {
      this.recoveredAt = at;
      this.open = false;
    }
    if (this.peak <= 0) return;
    const pct = (this.peak - equity) / this.peak;
    if (pct > this.pct) {
      this.pct = pct;
      this.amount = this.peak - equity;
      this.worstPeak = this.peak;
      this.worstPeakAt = this.peakAt;
      this.troughAt = at;
      this.recoveredAt = null;
      this.open = true;
    }
  }
}
