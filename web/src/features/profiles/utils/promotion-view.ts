import { toChartTime } from '@bytelyst/trading-client';
import type { UTCTimestamp } from 'lightweight-charts';

export interface ReturnPoint {
  time: UTCTimestamp;
  value: number;
}

/**
 * An equity curve as return (percent) from its first point, in strictly rising seconds (the
 * chart's rule; a repeat keeps the later value). Paper and backtest run on different dates and
 * capitals, so their shapes compare as returns, side by side, not as money on one axis.
 */
export function returnPoints(rows: readonly { at: string; equity: number }[]): ReturnPoint[] {
  const base = rows.find((r) => r.equity > 0)?.equity;
  if (base === undefined) return [];
  const byTime = new Map<number, number>();
  for (const r of rows) byTime.set(toChartTime(r.at), ((r.equity - base) / base) * 100);
  return [...byTime.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([time, v]) => ({ time: time as UTCTimestamp, value: Math.round(v * 100) / 100 }));
}

/** "+1.25 %", "−0.40 %": signed, two decimals, a real minus sign. */
export function signedPct(n: number): string {
  const text = Math.abs(n).toFixed(2);
  if (Number(text) === 0) return '0.00 %';
  return `${n < 0 ? '\u2212' : '+'}${text} %`;
}

/** The name typed to confirm must be the profile's, ignoring surrounding spaces only. */
export const confirmsName = (typed: string, name: string) => typed.trim() === name.trim();
