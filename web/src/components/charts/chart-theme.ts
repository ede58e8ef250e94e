import { chartTickFormatter, chartTimeFormatter } from '@bytelyst/trading-client';
import { ColorType, type DeepPartial, type ChartOptions, type Time } from 'lightweight-charts';

/** Colours mirror the CSS variables in styles.css; charts draw on canvas and cannot read them. */
export const CHART_COLORS = {
  up: '#22c55e',
  down: '#ef4444',
  accent: '#38bdf8',
  text: '#94a3b8',
  grid: 'rgba(148, 163, 184, 0.08)',
  border: 'rgba(148, 163, 184, 0.2)',
} as const;

export const baseChartOptions: DeepPartial<ChartOptions> = {
  autoSize: true,
  layout: {
    background: { type: ColorType.Solid, color: 'transparent' },
    textColor: CHART_COLORS.text,
    fontFamily: 'Inter, ui-sans-serif, system-ui, sans-serif',
    attributionLogo: false,
  },
  grid: { vertLines: { color: CHART_COLORS.grid }, horzLines: { color: CHART_COLORS.grid } },
  rightPriceScale: { borderColor: CHART_COLORS.border },
  // Axes and crosshair in the viewer's zone, like every table (the library defaults to UTC).
  timeScale: {
    borderColor: CHART_COLORS.border,
    timeVisible: true,
    secondsVisible: false,
    tickMarkFormatter: (time: Time, mark: number) =>
      typeof time === 'number' ? chartTickFormatter(time, mark <= 2) : JSON.stringify(time),
  },
  localization: {
    timeFormatter: (time: Time) =>
      typeof time === 'number' ? chartTimeFormatter(time) : JSON.stringify(time),
  },
  crosshair: { mode: 0 },
};
