import {
  AreaSeries,
  createChart,
  createSeriesMarkers,
  LineSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { baseChartOptions, CHART_COLORS } from '../../../components/charts/chart-theme';
import type { LinePoint } from '../utils/backtest-view';

/** Charts draw on canvas; without it (old browsers, jsdom) the page still shows every figure. */
function canvasAvailable(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/**
 * One series over a finished backtest: the equity curve as an area, the sampled closes as a line
 * carrying the trade markers. The data never changes after mount except when another job opens.
 */
export function LineChart(props: {
  points: LinePoint[];
  kind: 'area' | 'line';
  markers?: SeriesMarker<Time>[];
  height?: number;
  testId: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Area'> | ISeriesApi<'Line'> | null>(null);
  const markers = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const [drawable] = useState(canvasAvailable);
  const { kind } = props;

  useEffect(() => {
    if (!el.current || !drawable) return;
    const c = createChart(el.current, baseChartOptions);
    const priceFormat = { type: 'price' as const, precision: 2, minMove: 0.01 };
    const s =
      kind === 'area'
        ? c.addSeries(AreaSeries, {
            lineColor: CHART_COLORS.accent,
            topColor: 'rgba(56, 189, 248, 0.35)',
            bottomColor: 'rgba(56, 189, 248, 0.02)',
            lineWidth: 2,
            priceFormat,
          })
        : c.addSeries(LineSeries, { color: CHART_COLORS.text, lineWidth: 1, priceFormat });
    chart.current = c;
    series.current = s;
    markers.current = createSeriesMarkers(s, []);
    return () => {
      c.remove();
      chart.current = null;
      series.current = null;
      markers.current = null;
    };
  }, [kind, drawable]);

  useEffect(() => {
    series.current?.setData(props.points);
    markers.current?.setMarkers(props.markers ?? []);
    chart.current?.timeScale().fitContent();
  }, [props.points, props.markers]);

  return (
    <div
      ref={el}
      className="chart"
      style={{ height: props.height ?? 280 }}
      data-testid={props.testId}
      data-points={props.points.length}
      data-markers={props.markers?.length ?? 0}
    >
      {!drawable && <div className="state state-empty">This browser cannot draw charts.</div>}
    </div>
  );
}
