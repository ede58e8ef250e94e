import { type Fixed, SCALE, ZERO, divRound } from '../money/fixed.js';

/** Equity over time, pure: aggregation across profiles, downsampling, drawdown. */

export interface EquitySample {
  readonly profileId: string;
  /** Epoch ms. */
  readonly at: number;
  readonly equity: Fixed;
}

export interface EquityValue {
  readonly at: number;
  readonly equity: Fixed;
}

/**
 * The account's curve from its profiles' samples (sorted by time): at each instant any profile
 * recorded a value, the sum of every profile's latest value at or before that instant. Profiles
 * join the sum at their first sample (before it their allocation was not there). Never a sum of
 * whatever happened to share a timestamp.
 */
export function aggregateAccount(samples: readonly EquitySample[]): EquityValue[] {
  const latest = new Map<string, Fixed>();
  let total = ZERO;
  const out: EquityValue[] = [];
  for (const s of samples) {
    total += s.equity - (latest.get(s.profileId) ?? ZERO);
    latest.set(s.profileId, s.equity);
    const last = out.at(-1);
    if (last && last.at === s.at) out[out.length - 1] = { at: s.at, equity: total };
    else out.push({ at: s.at, equity: total });
  }
  return out;
}

export interface EquityBucket {
  /** Time of the bucket's last value. */
  readonly at: number;
  readonly equity: Fixed;
  readonly min: Fixed;
  readonly max: Fixed;
}

/** One bucket per interval with a value in it: its last value, and the min and max inside it. */
export function downsample(values: readonly EquityValue[], intervalMs: number): EquityBucket[] {
  const out: EquityBucket[] = [];
  let key = NaN;
  for (const v of values) {
    const k = Math.floor(v.at / intervalMs);
    const last = out.at(-1);
    if (last && k === key) {
      out[out.length - 1] = {
        at: v.at,
        equity: v.equity,
        min: v.equity < last.min ? v.equity : last.min,
        max: v.equity > last.max ? v.equity : last.max,
      };
    } else {
      key = k;
      out.push({ at: v.at, equity: v.equity, min: v.equity, max: v.equity });
    }
  }
  return out;
}

export interface DrawdownFixed {
  /** Fraction of the peak, 18 places. */
  readonly pct: Fixed;
  readonly amount: Fixed;
  readonly peakAt: number | null;
  readonly troughAt: number | null;
  readonly recoveredAt: number | null;
  /** Fall of the last value from the running peak. */
  readonly currentPct: Fixed;
}

const fractionOf = (fall: Fixed, peak: Fixed): Fixed =>
  peak > 0n ? divRound(fall * SCALE, peak, 'half-up') : ZERO;

/**
 * The largest fall from a running peak over every value (none skipped), with when the peak was
 * set, when the trough was reached and when equity first regained that peak afterwards.
 */
export function maxDrawdown(values: readonly EquityValue[]): DrawdownFixed {
  let peak: EquityValue | null = null;
  let best = {
    pct: ZERO,
    amount: ZERO,
    peakAt: null as number | null,
    troughAt: null as number | null,
  };
  let bestPeak = ZERO;
  let recoveredAt: number | null = null;
  let open = false;
  for (const v of values) {
    if (!peak || v.equity > peak.equity) peak = v;
    if (open && v.equity >= bestPeak && recoveredAt === null) {
      recoveredAt = v.at;
      open = false;
    }
    const fall = peak.equity - v.equity;
    const pct = fractionOf(fall, peak.equity);
    if (pct > best.pct) {
      best = { pct, amount: fall, peakAt: peak.at, troughAt: v.at };
      bestPeak = peak.equity;
      recoveredAt = null;
      open = true;
    }
  }
  const last = values.at(-1);
  const currentPct = last && peak ? fractionOf(peak.equity - last.equity, peak.equity) : ZERO;
  return { ...best, recoveredAt, currentPct };
}

export const EQUITY_INTERVALS_MS = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
} as const;
export type EquityIntervalName = keyof typeof EQUITY_INTERVALS_MS;

/** The smallest interval that keeps a span within `points` buckets. */
export function intervalFor(spanMs: number, points: number): EquityIntervalName {
  for (const [name, ms] of Object.entries(EQUITY_INTERVALS_MS) as [EquityIntervalName, number][])
    if (spanMs / ms <= points) return name;
  return '1d';
}
