import type { Candle, Order, Trade } from '@bytelyst/trading-contracts';
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { toChartTime } from '@bytelyst/trading-client';
import { baseChartOptions, CHART_COLORS } from './chart-theme';

const bar = (c: Candle) => ({
  time: toChartTime(c.openTime) as UTCTimestamp,
  open: Number(c.open),
  high: Number(c.high),
  low: Number(c.low),
  close: Number(c.close),
});

/** Snaps a timestamp to the open time of the candle it falls in, so markers sit on a bar. */
function snap(iso: string, candles: Candle[]): UTCTimestamp | null {
  const t = toChartTime(iso);
  let best: number | null = null;
  for (const c of candles) {
    const ct = toChartTime(c.openTime);
    if (ct <= t) best = ct;
    else break;
  }
  return best as UTCTimestamp | null;
}

/** Entries (buys) below the bar in green, exits (sells) above in red, from fills and trades. */
export function tradeMarkers(input: { candles: Candle[]; orders: Order[]; trades: Trade[] }) {
  const markers: SeriesMarker<Time>[] = [];
  const seen = new Set<string>();
  for (const t of input.trades) {
    const entry = snap(t.openedAt, input.candles);
    const exit = snap(t.closedAt, input.candles);
    const long = t.side === 'LONG';
    if (entry !== null) {
      markers.push({
        time: entry,
        position: long ? 'belowBar' : 'aboveBar',
        shape: long ? 'arrowUp' : 'arrowDown',
        color: CHART_COLORS.up,
        text: `Entry ${t.entryPrice}`,
        id: `te-${t.id}`,
      });
      seen.add(`${entry}-entry`);
    }
    if (exit !== null) {
      seen.add(`${exit}-exit`);
      markers.push({
        time: exit,
        position: long ? 'aboveBar' : 'belowBar',
        shape: long ? 'arrowDown' : 'arrowUp',
        color: CHART_COLORS.down,
        text: `Exit ${t.exitPrice}`,
        id: `tx-${t.id}`,
      });
    }
  }
  for (const o of input.orders) {
    if (o.status !== 'FILLED' && o.status !== 'PARTIALLY_FILLED') continue;
    const time = snap(o.updatedAt, input.candles);
    if (time === null) continue;
    const buy = o.side === 'BUY';
    const kind =
      o.reduceOnly || o.origin === 'close' || o.origin === 'stop' || o.origin === 'take-profit'
        ? 'exit'
        : 'entry';
    if (seen.has(`${time}-${kind}`)) continue;
    markers.push({
      time,
      position: buy ? 'belowBar' : 'aboveBar',
      shape: buy ? 'arrowUp' : 'arrowDown',
      color: kind === 'entry' ? CHART_COLORS.up : CHART_COLORS.down,
      text: `${o.side} ${o.averageFillPrice ?? ''}`.trim(),
      id: `o-${o.id}`,
    });
  }
  return markers.sort((a, b) => (a.time as number) - (b.time as number));
}

export function PriceChart(props: {
  candles: Candle[];
  markers: SeriesMarker<Time>[];
  /** The latest tick: moves the last bar's close between candle events. */
  lastPrice?: string | null;
  height?: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const markers = useRef<ISeriesMarkersPluginApi<Time> | null>(null);
  const fitted = useRef(false);

  useEffect(() => {
    if (!el.current) return;
    const c = createChart(el.current, baseChartOptions);
    const s = c.addSeries(CandlestickSeries, {
      upColor: CHART_COLORS.up,
      downColor: CHART_COLORS.down,
      borderVisible: false,
      wickUpColor: CHART_COLORS.up,
      wickDownColor: CHART_COLORS.down,
    });
    chart.current = c;
    series.current = s;
    markers.current = createSeriesMarkers(s, []);
    return () => {
      c.remove();
      chart.current = null;
      series.current = null;
      markers.current = null;
      fitted.current = false;
    };
  }, []);

  useEffect(() => {
    series.current?.setData(props.candles.map(bar));
    if (!fitted.current && props.candles.length) {
      chart.current?.timeScale().fitContent();
      fitted.current = true;
    }
  }, [props.candles]);

  useEffect(() => {
    markers.current?.setMarkers(props.markers);
  }, [props.markers]);

  useEffect(() => {
    const last = props.candles.at(-1);
    if (!last || !props.lastPrice || !series.current) return;
    const p = Number(props.lastPrice);
    const b = bar(last);
    series.current.update({ ...b, close: p, high: Math.max(b.high, p), low: Math.min(b.low, p) });
  }, [props.lastPrice, props.candles]);

  return (
    <div
      ref={el}
      className="chart"
      style={{ height: props.height ?? 420 }}
      data-testid="price-chart"
    />
  );
}
