import type { EquitySnapshot } from '@bytelyst/trading-contracts';
import {
  AreaSeries,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { toChartTime } from '@bytelyst/trading-client';
import { baseChartOptions, CHART_COLORS } from './chart-theme';

/** Sums snapshots of all profiles taken at the same instant into one account curve. */
export function equityPoints(snapshots: EquitySnapshot[]) {
  const byTime = new Map<number, number>();
  for (const s of snapshots) {
    const t = toChartTime(s.at);
    byTime.set(t, (byTime.get(t) ?? 0) + Number(s.equity));
  }
  return [...byTime.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([time, value]) => ({ time: time as UTCTimestamp, value }));
}

export function EquityChart({
  snapshots,
  height = 260,
}: {
  snapshots: EquitySnapshot[];
  height?: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Area'> | null>(null);

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
    series.current?.setData(equityPoints(snapshots));
    chart.current?.timeScale().fitContent();
  }, [snapshots]);

  return <div ref={el} className="chart" style={{ height }} data-testid="equity-chart" />;
}
