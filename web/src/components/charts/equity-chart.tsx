import type { EquityPoint } from '@bytelyst/trading-contracts';
import {
  AreaSeries,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useMemo, useRef } from 'react';
import { formatMoney, toChartTime } from '@bytelyst/trading-client';
import { baseChartOptions, CHART_COLORS } from './chart-theme';

/**
 * The backend's equity series as chart points, ending on the live Equity figure: when the live
 * valuation is newer than the series' last point it replaces that point (same bucket) or follows
 * it. Nothing is summed or recomputed here; the backend aggregated the profiles.
 */
export function equityPoints(
  points: readonly EquityPoint[],
  live?: { at: string; equity: string },
) {
  const all = [...points];
  if (live) {
    const last = all.at(-1);
    if (last && toChartTime(last.at) >= toChartTime(live.at))
      all[all.length - 1] = { ...last, equity: live.equity };
    else all.push({ at: live.at, equity: live.equity, min: live.equity, max: live.equity });
  }
  const out: { time: UTCTimestamp; value: number; text: string }[] = [];
  for (const p of all) {
    const time = toChartTime(p.at) as UTCTimestamp;
    const prev = out.at(-1);
    // Two points in one second: the later one stands (the chart needs strictly rising times).
    if (prev && prev.time >= time)
      out[out.length - 1] = { time: prev.time, value: Number(p.equity), text: p.equity };
    else out.push({ time, value: Number(p.equity), text: p.equity });
  }
  return out;
}

export function EquityChart({
  points,
  live,
  height = 260,
}: {
  points: readonly EquityPoint[];
  live?: { at: string; equity: string } | undefined;
  height?: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Area'> | null>(null);
  const data = useMemo(() => equityPoints(points, live), [points, live]);

  useEffect(() => {
    if (!el.current) return;
    const c = createChart(el.current, baseChartOptions);
    series.current = c.addSeries(AreaSeries, {
      lineColor: CHART_COLORS.accent,
      topColor: 'rgba(56, 189, 248, 0.35)',
      bottomColor: 'rgba(56, 189, 248, 0.02)',
      lineWidth: 2,
      priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
    });
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
      series.current = null;
    };
  }, []);

  useEffect(() => {
    series.current?.setData(data.map(({ time, value }) => ({ time, value })));
    chart.current?.timeScale().fitContent();
  }, [data]);

  const last = data.at(-1);
  return (
    <div
      ref={el}
      className="chart"
      style={{ height }}
      data-testid="equity-chart"
      data-last-value={last ? formatMoney(last.text) : ''}
    />
  );
}
