/**
 * At most `maxPoints` points of a series for display, keeping each bucket's lowest and highest
 * value (in time order), so a chart still shows every trough and spike of the full series;
 * sampling every k-th point would hide the worst drawdown. The first and last points are kept.
 */
export function downsampleMinMax(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  maxPoints: number,
): { at: number; value: number }[] {
  const n = values.length;
  const out: { at: number; value: number }[] = [];
  const push = (i: number) => {
    const last = out[out.length - 1];
    const at = times[i] ?? 0;
    if (last?.at !== at) out.push({ at, value: values[i] ?? 0 });
  };
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) push(i);
    return out;
  }
  // Two points per bucket, and room for the first and last.
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const size = Math.ceil(n / buckets);
  push(0);
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if ((values[i] ?? 0) < (values[lo] ?? 0)) lo = i;
      if ((values[i] ?? 0) > (values[hi] ?? 0)) hi = i;
    }
    push(Math.min(lo, hi));
    push(Math.max(lo, hi));
  }
  push(n - 1);
  return out;
}
