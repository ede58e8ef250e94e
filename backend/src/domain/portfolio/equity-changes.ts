/**
 * The full-resolution equity curve kept for a run: of the equity at every candle close, the
 * first point, each point whose equity differs from the one before it, and the last point. A
 * flat stretch (no position open) collapses to its ends, so the curve is the whole step function
 * (nothing between two kept points differs from the earlier one) in far fewer points.
 */
export function equityChanges(
  times: ArrayLike<number>,
  equity: ArrayLike<number>,
): { times: Float64Array; equity: Float64Array } {
  const n = Math.min(times.length, equity.length);
  const keep: number[] = [];
  for (let i = 0; i < n; i++)
    if (i === 0 || i === n - 1 || equity[i] !== equity[i - 1]) keep.push(i);
  return {
    times: Float64Array.from(keep, (i) => times[i] ?? 0),
    equity: Float64Array.from(keep, (i) => equity[i] ?? 0),
  };
}
