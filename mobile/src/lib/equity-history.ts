import type { EquitySnapshot } from '@bytelyst/trading-contracts';

/** The server's page size for GET /api/equity: a full page may have skipped older points. */
export const EQUITY_PAGE = 500;

/**
 * Appends an incremental read (`since` = the newest held) to the held snapshots, oldest first,
 * keeping the newest EQUITY_PAGE. A full page means the gap may be wider than one page: the
 * page replaces what was held rather than leaving a hole in the curve.
 */
export function mergeEquity(
  held: readonly EquitySnapshot[],
  fresh: readonly EquitySnapshot[],
): EquitySnapshot[] {
  if (fresh.length === 0) return [...held];
  if (fresh.length >= EQUITY_PAGE || held.length === 0) return [...fresh];
  return [...held, ...fresh].slice(-EQUITY_PAGE);
}

export const newestAt = (held: readonly EquitySnapshot[]): string | undefined => held.at(-1)?.at;

/**
 * The account's equity at each snapshot time: the last known equity of every profile summed
 * (profiles snapshot at their own times). Numbers, for the chart's bar heights only.
 */
export function accountCurve(snapshots: readonly EquitySnapshot[]): number[] {
  const last = new Map<string, number>();
  const out: number[] = [];
  for (let i = 0; i < snapshots.length; i++) {
    const s = snapshots[i];
    if (!s) continue;
    last.set(s.profileId, Number(s.equity));
    // One point per timestamp: snapshots of several profiles at one time are one step.
    if (snapshots[i + 1]?.at === s.at) continue;
    let sum = 0;
    for (const v of last.values()) sum += v;
    out.push(sum);
  }
  return out;
}

/** At most `max` points for a phone-wide chart: evenly spaced, the newest always kept. */
export function thin(values: readonly number[], max: number): number[] {
  if (values.length <= max) return [...values];
  const step = values.length / max;
  const out: number[] = [];
  for (let i = 0; i < max - 1; i++) out.push(values[Math.floor(i * step)] ?? 0);
  out.push(values[values.length - 1] ?? 0);
  return out;
}
