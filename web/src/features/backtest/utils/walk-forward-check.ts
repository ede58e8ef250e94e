import { MAX_WALK_FORWARD_WINDOWS, WalkForwardSettings } from '@bytelyst/trading-contracts';

const grouped = (n: number) => n.toLocaleString('en-US');

/**
 * The walk-forward sizes as typed, checked before anything is sent: each against the contract's
 * own bounds, then, when the data's length in candles is known, how many windows it holds (the
 * server plans the same: windows while the out-of-sample part ends inside the data).
 */
export function walkForwardCheck(input: {
  inSample: string;
  outOfSample: string;
  /** Candles in the data's range; null when the form cannot tell. */
  dataCandles: number | null;
}): { inSample?: string; outOfSample?: string; windows: number | null } {
  const shape = WalkForwardSettings.shape;
  const is = shape.inSampleCandles.safeParse(Number(input.inSample));
  const oos = shape.outOfSampleCandles.safeParse(Number(input.outOfSample));
  const out: { inSample?: string; outOfSample?: string; windows: number | null } = {
    windows: null,
  };
  if (!is.success) out.inSample = is.error.issues[0]?.message ?? 'Not valid.';
  if (!oos.success) out.outOfSample = oos.error.issues[0]?.message ?? 'Not valid.';
  if (!is.success || !oos.success || input.dataCandles === null) return out;
  const n = input.dataCandles;
  const windows = n < is.data + oos.data ? 0 : Math.floor((n - is.data - oos.data) / oos.data) + 1;
  out.windows = windows;
  if (windows === 0)
    out.outOfSample = `The data holds ${grouped(n)} candles, fewer than one in-sample plus one out-of-sample window (${grouped(is.data + oos.data)}).`;
  else if (windows > MAX_WALK_FORWARD_WINDOWS)
    out.outOfSample = `${grouped(windows)} windows; at most ${MAX_WALK_FORWARD_WINDOWS}: use longer windows.`;
  return out;
}
