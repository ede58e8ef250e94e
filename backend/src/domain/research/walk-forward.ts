/**
 * Walk-forward: windows over the data, the best in-sample trial of a window, the report per
 * window and the stitched out-of-sample curve. Pure; the search service feeds it stored trials.
 */
import {
  MAX_WALK_FORWARD_WINDOWS,
  SEARCH_STATISTICS,
  AppError,
  type BacktestStatistics,
  type SearchStatistic,
  type StitchedResult,
  type WalkForwardSettings,
  type WalkForwardWindow,
} from '@bytelyst/trading-contracts';
import type { ParamPoint } from './param-space.js';

/** Half-open time ranges in epoch ms: candles opening at or after `from` and before `to`. */
export interface TimeRange {
  from: number;
  to: number;
}

export interface PlannedWindow {
  index: number;
  inSample: TimeRange;
  outOfSample: TimeRange;
}

/**
 * Windows over `[data.from, data.to)`. A window's length is its candle count times the timeframe
 * (with gaps in the data it holds fewer candles). Rolling: in-sample `[s + k·O, s + k·O + I)`;
 * anchored: `[s, s + I + k·O)`; out-of-sample always the next `O` after it. Only windows whose
 * out-of-sample part ends inside the data are planned. In-sample ends exactly where
 * out-of-sample starts, so no candle is in both.
 */
export function planWindows(input: {
  data: TimeRange;
  timeframeMs: number;
  settings: WalkForwardSettings;
}): PlannedWindow[] {
  const { data, timeframeMs: tf, settings } = input;
  const is = settings.inSampleCandles * tf;
  const oos = settings.outOfSampleCandles * tf;
  const out: PlannedWindow[] = [];
  for (let k = 0; ; k++) {
    const isFrom = settings.mode === 'rolling' ? data.from + k * oos : data.from;
    const isTo = data.from + k * oos + is;
    const oosTo = isTo + oos;
    if (oosTo > data.to) break;
    out.push({
      index: k,
      inSample: { from: isFrom, to: isTo },
      outOfSample: { from: isTo, to: oosTo },
    });
    if (out.length > MAX_WALK_FORWARD_WINDOWS)
      throw new AppError(
        'VALIDATION_FAILED',
        `more than ${MAX_WALK_FORWARD_WINDOWS} walk-forward windows; use longer windows`,
        { details: { issues: [{ path: 'body.walkForward', message: 'too many windows' }] } },
      );
  }
  if (out.length === 0)
    throw new AppError(
      'VALIDATION_FAILED',
      'the data is shorter than one in-sample plus one out-of-sample window',
      { details: { issues: [{ path: 'body.walkForward', message: 'no complete window' }] } },
    );
  return out;
}

/** A stored trial as the ranking sees it (the few numbers kept beside its statistics). */
export interface TrialOutcome {
  id: string;
  paramsIndex: number;
  point: ParamPoint;
  status: 'done' | 'failed';
  /** The search's objective statistic; null when failed or undefined (no trades, say). */
  value: number | null;
  totalReturnPct: number | null;
  annualReturnPct: number | null;
  trades: number;
}

/** A run's value of a statistic; null when undefined (no trades, no volatility). */
export function objectiveValue(s: BacktestStatistics, statistic: SearchStatistic): number | null {
  // The statistics' drawdown is already in percent.
  const v = statistic === 'maxDrawdownPct' ? s.maxDrawdown.pct : s[statistic];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * The best trial by the objective (its direction from SEARCH_STATISTICS); ties go to the lowest
 * plan index, so every instance that computes it picks the same one. Null when none has a value.
 */
export function bestTrial<T extends TrialOutcome>(
  trials: readonly T[],
  statistic: SearchStatistic,
): { trial: T; value: number } | null {
  const sign = SEARCH_STATISTICS[statistic] === 'max' ? 1 : -1;
  let best: { trial: T; value: number } | null = null;
  for (const t of trials) {
    const v = t.status === 'done' ? t.value : null;
    if (v === null) continue;
    if (
      best === null ||
      sign * v > sign * best.value ||
      (v === best.value && t.paramsIndex < best.trial.paramsIndex)
    )
      best = { trial: t, value: v };
  }
  return best;
}

const isoRange = (r: TimeRange) => ({
  from: new Date(r.from).toISOString(),
  to: new Date(r.to).toISOString(),
});

/** One window's report once its trials are in (`oos` null while the test is still to run). */
export function windowReport(input: {
  window: PlannedWindow;
  statistic: SearchStatistic;
  inSampleTrials: readonly TrialOutcome[];
  inSampleExpected: number;
  oos: TrialOutcome | null;
}): WalkForwardWindow {
  const { window, statistic } = input;
  const base = {
    index: window.index,
    inSample: isoRange(window.inSample),
    outOfSample: isoRange(window.outOfSample),
  };
  const empty = {
    bestParams: null,
    inSampleObjective: null,
    outOfSampleObjective: null,
    inSampleReturnPct: null,
    outOfSampleReturnPct: null,
    degradation: null,
    efficiency: null,
  };
  if (input.inSampleTrials.length < input.inSampleExpected)
    return { ...base, status: 'pending', ...empty };
  const best = bestTrial(input.inSampleTrials, statistic);
  if (!best) return { ...base, status: 'no_valid_trial', ...empty };
  const oos = input.oos;
  const oosValue = oos?.status === 'done' ? oos.value : null;
  const sign = SEARCH_STATISTICS[statistic] === 'max' ? 1 : -1;
  const isAnnual = best.trial.annualReturnPct;
  const oosAnnual = oos?.annualReturnPct ?? null;
  return {
    ...base,
    status: oos ? 'done' : 'pending',
    bestParams: best.trial.point,
    inSampleObjective: best.value,
    outOfSampleObjective: oosValue,
    inSampleReturnPct: best.trial.totalReturnPct,
    outOfSampleReturnPct: oos?.totalReturnPct ?? null,
    degradation: oosValue === null ? null : sign * (best.value - oosValue),
    efficiency:
      isAnnual !== null && isAnnual > 0 && oosAnnual !== null ? oosAnnual / isAnnual : null,
  };
}

export interface CurvePoint {
  at: string;
  equity: number;
}

/**
 * The out-of-sample runs one after another: each window's run starts from the request's capital,
 * so its curve is scaled by where the previous windows left the stitched equity. Return is the
 * product of the windows' returns; drawdown is over the kept points of the curves.
 */
export function stitch(input: {
  capital: number;
  /** In window order; `returnPct` is the run's exact total return (its curve is sampled). */
  windows: readonly { curve: readonly CurvePoint[]; trades: number; returnPct: number }[];
}): StitchedResult {
  let level = input.capital;
  let peak = level;
  let maxDd = 0;
  let trades = 0;
  const curve: CurvePoint[] = [];
  for (const w of input.windows) {
    // Every window's run started from `capital`.
    const scale = level / input.capital;
    for (const p of w.curve) {
      const e = p.equity * scale;
      curve.push({ at: p.at, equity: e });
      peak = Math.max(peak, e);
      if (peak > 0) maxDd = Math.max(maxDd, (peak - e) / peak);
    }
    level *= 1 + w.returnPct / 100;
    peak = Math.max(peak, level);
    trades += w.trades;
  }
  return {
    returnPct: (level / input.capital - 1) * 100,
    maxDrawdownPct: maxDd * 100,
    trades,
    windows: input.windows.length,
    equityCurve: curve,
  };
}
