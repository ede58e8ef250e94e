import { createChart, LineSeries } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { baseChartOptions } from '../../../components/charts/chart-theme';
import type { ReturnPoint } from '../utils/promotion-view';

/** Charts draw on canvas; without it (jsdom, old browsers) the figures beside still say it all. */
const canDraw = () => {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
};

/** One equity curve as return in percent (paper or backtest), for the promotion review. */
export function ReturnChart(props: { points: ReturnPoint[]; color: string; testId: string }) {
  const el = useRef<HTMLDivElement>(null);
  const [drawable] = useState(canDraw);

  useEffect(() => {
    if (!el.current || !drawable) return;
    const c = createChart(el.current, baseChartOptions);
    const line = c.addSeries(LineSeries, {
      color: props.color,
      lineWidth: 2,
      priceFormat: { type: 'custom', formatter: (v: number) => `${v.toFixed(2)} %` },
    });
    line.setData(props.points);
    c.timeScale().fitContent();
    return () => c.remove();
  }, [props.points, props.color, drawable]);

  return (
    <div
      ref={el}
      className="chart"
      style={{ height: 220 }}
      data-testid={props.testId}
      data-points={props.points.length}
    >
      {!drawable && <div className="state state-empty">This browser cannot draw charts.</div>}
    </div>
  );
}
