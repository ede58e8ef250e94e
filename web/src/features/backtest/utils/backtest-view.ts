import {
  TIMEFRAME_MS,
  type BacktestJob,
  type Timeframe,
  type Trade,
} from '@bytelyst/trading-contracts';
import type { SeriesMarker, Time, UTCTimestamp } from 'lightweight-charts';
import { CHART_COLORS } from '../../../components/charts/chart-theme';
import { toChartTime } from '@bytelyst/trading-client';

export const isActive = (job: Pick<BacktestJob, 'status'> | undefined): boolean =>
  job?.status === 'queued' || job?.status === 'running';

const TIMEFRAME_WORDS: Record<Timeframe, string> = {
  '1m': 'one-minute',
  '5m': 'five-minute',
  '15m': 'fifteen-minute',
  '1h': 'one-hour',
  '4h': 'four-hour',
  '1d': 'daily',
};

const DAY_MS = 86_400_000;
const grouped = (n: number) => Math.round(n).toLocaleString('en-US');

/** How much simulated history a request covers, e.g. "100,000 one-minute candles ≈ 69 days". */
export function historySpan(input: { candles: number; timeframe: Timeframe }): string {
  const head = `${grouped(input.candles)} ${TIMEFRAME_WORDS[input.timeframe]} candles`;
  if (!Number.isFinite(input.candles) || input.candles <= 0) return head;
  const ms = input.candles * TIMEFRAME_MS[input.timeframe];
  let span: string;
  if (ms < 2 * DAY_MS) span = `${grouped(ms / 3_600_000)} hours`;
  else if (ms < 730 * DAY_MS) span = `${grouped(ms / DAY_MS)} days`;
  else span = `${(ms / (365.25 * DAY_MS)).toFixed(1)} years`;
  return `${head} ≈ ${span}`;
}

/** A percentage that is already in percent (the summary's returnPct and maxDrawdownPct). */
export function formatPercent(value: number, sign = false): string {
  const text = Math.abs(value).toFixed(2);
  if (Number(text) === 0) return '0.00%';
  const prefix = value < 0 ? '−' : sign ? '+' : '';
  return `${prefix}${text}%`;
}

/** "38k candles/s": the unit is part of the figure so a card stays on one line. */
export const formatRate = (perSecond: number) =>
  perSecond >= 10_000
    ? `${(perSecond / 1000).toLocaleString('en-US', { maximumFractionDigits: 0 })}k candles/s`
    : `${grouped(perSecond)} candles/s`;

export interface LinePoint {
  time: UTCTimestamp;
  value: number;
}

/** Chart points in strictly ascending seconds (the chart's requirement); a repeat keeps the last. */
export function linePoints<T extends { at: string }>(
  rows: T[],
  value: (row: T) => number,
): LinePoint[] {
  const byTime = new Map<number, number>();
  for (const r of rows) byTime.set(toChartTime(r.at), value(r));
  return [...byTime.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([time, v]) => ({ time: time as UTCTimestamp, value: v }));
}

/** The last sampled point at or before `t` (the first one if `t` is earlier than all). */
function snap(t: number, times: number[]): number | null {
  if (times.length === 0) return null;
  let lo = 0;
  let hi = times.length - 1;
  if (t <= (times[0] ?? 0)) return times[0] ?? null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((times[mid] ?? 0) <= t) lo = mid;
    else hi = mid - 1;
  }
  return times[lo] ?? null;
}

/** Beyond this many trades the marker labels would overlap into noise; arrows stay. */
const LABEL_LIMIT = 20;

/**
 * Entry (green) and exit (red) arrows at the trade's own prices. The closes are sampled, so a
 * marker sits on the sampled point at or before its time; its height is still the real price.
 */
export function tradeMarkers(input: {
  points: LinePoint[];
  trades: Trade[];
}): SeriesMarker<Time>[] {
  const times = input.points.map((p) => p.time as number);
  const labels = input.trades.length <= LABEL_LIMIT;
  // Many trades: smaller arrows, so the price line stays visible between them.
  const size = labels ? 1 : 0.5;
  const markers: SeriesMarker<Time>[] = [];
  for (const t of input.trades) {
    const long = t.side === 'LONG';
    const entry = snap(toChartTime(t.openedAt), times);
    const exit = snap(toChartTime(t.closedAt), times);
    if (entry !== null) {
      markers.push({
        time: entry as UTCTimestamp,
        position: long ? 'atPriceBottom' : 'atPriceTop',
        price: Number(t.entryPrice),
        shape: long ? 'arrowUp' : 'arrowDown',
        color: CHART_COLORS.up,
        text: labels ? `Entry ${t.entryPrice}` : '',
        size,
        id: `entry-${t.id}`,
      });
    }
    if (exit !== null) {
      markers.push({
        time: exit as UTCTimestamp,
        position: long ? 'atPriceTop' : 'atPriceBottom',
        price: Number(t.exitPrice),
        shape: long ? 'arrowDown' : 'arrowUp',
        color: CHART_COLORS.down,
        text: labels ? `Exit ${t.exitPrice}` : '',
        size,
        id: `exit-${t.id}`,
      });
    }
  }
  return markers.sort((a, b) => (a.time as number) - (b.time as number));
}
