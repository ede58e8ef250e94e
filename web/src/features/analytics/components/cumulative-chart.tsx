import type { Analytics } from '@bytelyst/trading-contracts';
import {
  BaselineSeries,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { toChartTime } from '@bytelyst/trading-client';
import { baseChartOptions, CHART_COLORS } from '../../../components/charts/chart-theme';

/** Cumulative net realised PnL from the ledger: green above zero, red below. */
export function CumulativeChart({ points }: { points: Analytics['cumulative'] }) {
  const el = useRef<HTMLDivElement>(null);
  const series = useRef<ISeriesApi<'Baseline'> | null>(null);
  const chart = useRef<IChartApi | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = createChart(el.current, baseChartOptions);
    series.current = c.addSeries(BaselineSeries, {
      baseValue: { type: 'price', price: 0 },
      topLineColor: CHART_COLORS.up,
      bottomLineColor: CHART_COLORS.down,
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
    const data: { time: UTCTimestamp; value: number }[] = [];
    for (const p of points) {
      const time = toChartTime(p.at) as UTCTimestamp;
      const prev = data.at(-1);
      if (prev && prev.time >= time) prev.value = Number(p.netPnl);
      else data.push({ time, value: Number(p.netPnl) });
    }
    series.current?.setData(data);
    chart.current?.timeScale().fitContent();
  }, [points]);
  return <div ref={el} className="chart" style={{ height: 240 }} data-testid="cumulative-chart" />;
}
