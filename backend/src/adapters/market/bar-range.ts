import type { BarColumns } from '../../ports/market-data.js';

/** First index whose time is at or after `t` (times increase), by bisection. */
function lowerBound(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((time[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The candles opening at or after `from` and before `to` (ms epoch; null = unbounded), as views
 * on the same buffers (no copy).
 */
export function sliceBarsByTime(
  cols: BarColumns,
  range: { from: number | null; to: number | null },
): BarColumns {
  const start = range.from === null ? 0 : lowerBound(cols.time, range.from);
  const end = range.to === null ? cols.time.length : lowerBound(cols.time, range.to);
  if (start === 0 && end === cols.time.length) return cols;
  const e = Math.max(start, end);
  return {
    ...cols,
    time: cols.time.subarray(start, e),
    open: cols.open.subarray(start, e),
    high: cols.high.subarray(start, e),
    low: cols.low.subarray(start, e),
    close: cols.close.subarray(start, e),
    volume: cols.volume.subarray(start, e),
  };
}
