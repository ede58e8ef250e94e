import { createChart, LineSeries, type IChartApi } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { baseChartOptions } from '../../../components/charts/chart-theme';
import type { LinePoint } from '../utils/backtest-view';

/** Distinct on the dark theme and for the common colour-vision deficiencies. */
export const SERIES_COLORS = ['#38bdf8', '#f59e0b', '#a78bfa', '#34d399', '#f472b6', '#e5e7eb'];

const canDraw = () => {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
};

/** Several equity curves on one time axis (runs compared, or a stitched walk-forward). */
export function MultiLineChart(props: {
  series: { label: string; points: LinePoint[] }[];
  height?: number;
  testId: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const [drawable] = useState(canDraw);

  useEffect(() => {
    if (!el.current || !drawable) return;
    const c = createChart(el.current, baseChartOptions);
    props.series.forEach((s, i) => {
      const line = c.addSeries(LineSeries, {
        color: SERIES_COLORS[i % SERIES_COLORS.length] ?? '#38bdf8',
        lineWidth: 2,
        title: s.label,
        priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
      });
      line.setData(s.points);
    });
    c.timeScale().fitContent();
    chart.current = c;
    return () => {
      c.remove();
      chart.current = null;
    };
  }, [props.series, drawable]);

  return (
    <div>
      <div
        ref={el}
        className="chart"
        style={{ height: props.height ?? 300 }}
        data-testid={props.testId}
        data-series={props.series.length}
      >
        {!drawable && <div className="state state-empty">This browser cannot draw charts.</div>}
      </div>
      <div className="sr-legend">
        {props.series.map((s, i) => (
          <span key={s.label}>
            <i style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} />
            {s.label}
          </span>
        ))}
      </div>
    </div>
  );
}
