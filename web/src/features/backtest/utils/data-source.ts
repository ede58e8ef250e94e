import {
  TIMEFRAME_MS,
  type BacktestSource,
  type CandleSeries,
  type Timeframe,
} from '@bytelyst/trading-contracts';

/** The data source select's value: `simulated`, or a stored series as `symbol/venue/timeframe`. */
export const SIMULATED = 'simulated';

export const seriesKey = (s: Pick<CandleSeries, 'symbol' | 'venue' | 'timeframe'>): string =>
  `${s.symbol}/${s.venue}/${s.timeframe}`;

/** The select's value for a request's source (a run started again from a stored run). */
export function sourceKey(input: {
  source: BacktestSource | undefined;
  symbol: string;
  timeframe: Timeframe;
}): string {
  const { source } = input;
  return source?.kind === 'stored'
    ? seriesKey({ symbol: input.symbol, venue: source.venue, timeframe: input.timeframe })
    : SIMULATED;
}

/** An instant as the run settings' datetime-local inputs hold it (minutes, read as UTC). */
export const toMinuteInput = (ms: number): string => new Date(ms).toISOString().slice(0, 16);
const fromMinuteInput = (v: string): number => Date.parse(`${v}:00.000Z`);
const utc = (ms: number) => `${toMinuteInput(ms).replace('T', ' ')} UTC`;

/** What a series covers: its first candle's open to its last candle's close. */
export function coverage(s: CandleSeries): { from: number; to: number } {
  return { from: Date.parse(s.from), to: Date.parse(s.to) + TIMEFRAME_MS[s.timeframe] };
}

/** The whole coverage as the date range inputs' values (the form's start for a series). */
export function coverageInputs(s: CandleSeries): { from: string; to: string } {
  const c = coverage(s);
  // Rounded outwards to the minute, so the inputs' range still holds every candle.
  const to = Math.ceil(c.to / 60_000) * 60_000;
  return { from: toMinuteInput(c.from), to: toMinuteInput(to) };
}

/** "3,000 candles, 2026-02-02 00:00 UTC to 2026-02-04 02:00 UTC". */
export function coverageText(s: CandleSeries): string {
  const c = coverage(s);
  return `${s.count.toLocaleString('en-US')} candles, ${utc(c.from)} to ${utc(c.to)}`;
}

/** "BTC-USD 1m · csv · 3,000 candles, 2026-02-02 00:00 UTC to 2026-02-04 02:00 UTC". */
export const seriesLabel = (s: CandleSeries): string =>
  `${s.symbol} ${s.timeframe} · ${s.venue} · ${coverageText(s)}`;

/**
 * Inline checks of a date range against a stored series (the server refuses a range holding no
 * candle; this says which end is wrong before anything is sent). Blank ends are open.
 */
export function storedRangeIssues(
  s: CandleSeries,
  range: { from: string; to: string },
): { from?: string; to?: string } {
  const c = coverage(s);
  const from = range.from.trim() === '' ? null : fromMinuteInput(range.from);
  const to = range.to.trim() === '' ? null : fromMinuteInput(range.to);
  const out: { from?: string; to?: string } = {};
  if (from !== null && Number.isNaN(from)) out.from = 'Not a date and time.';
  else if (from !== null && from < Math.floor(c.from / 60_000) * 60_000)
    out.from = `Before the series starts (${utc(c.from)}).`;
  else if (from !== null && from >= c.to) out.from = `After the series ends (${utc(c.to)}).`;
  if (to !== null && Number.isNaN(to)) out.to = 'Not a date and time.';
  else if (to !== null && to > Math.ceil(c.to / 60_000) * 60_000)
    out.to = `After the series ends (${utc(c.to)}).`;
  else if (to !== null && to <= c.from) out.to = `Before the series starts (${utc(c.from)}).`;
  else if (from !== null && to !== null && to <= from) out.to = 'Must be after From.';
  return out;
}

/**
 * What a run replayed, in words: "20,000 simulated candles · seed 42" or "stored BTC-USD 1m ·
 * localbinance" (runs stored before sources existed were simulated).
 */
export function describeData(r: {
  source?: BacktestSource | undefined;
  symbol: string;
  timeframe: Timeframe;
  candles: number;
  seed: number;
}): string {
  return r.source?.kind === 'stored'
    ? `stored ${r.symbol} ${r.timeframe} · ${r.source.venue}`
    : `${r.candles.toLocaleString('en-US')} simulated candles · seed ${r.seed}`;
}
