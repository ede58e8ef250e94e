import { z } from 'zod';
import { Id, lineText, Timestamp } from '../primitives.js';
import { BacktestJob, BacktestRequest, BacktestStatistics } from './backtest.js';

/** One value a strategy param takes in a trial. */
export const ParamValue = z.union([z.number(), lineText().max(64), z.boolean()]);
export type ParamValue = z.infer<typeof ParamValue>;

/** At most this many points per param and this many trials per search (both instances share it). */
export const MAX_POINTS_PER_PARAM = 200;
export const MAX_TRIALS_PER_SEARCH = 2000;

/**
 * The values one param is searched over: a list, or `min..max` by `step` (both ends included
 * when on the step). A random search samples from the same points.
 */
export const ParamRange = z.union([
  z.strictObject({ values: z.array(ParamValue).min(1).max(MAX_POINTS_PER_PARAM) }),
  z
    .strictObject({ min: z.number(), max: z.number(), step: z.number().positive() })
    .refine((r) => r.max >= r.min, 'max must be at least min')
    .refine(
      (r) => Math.floor((r.max - r.min) / r.step + 1e-9) + 1 <= MAX_POINTS_PER_PARAM,
      `at most ${MAX_POINTS_PER_PARAM} points per param`,
    ),
]);
export type ParamRange = z.infer<typeof ParamRange>;

/** Param name -> its values; params not named keep the base request's value. */
export const ParamSpace = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/), ParamRange)
  .refine((s) => Object.keys(s).length >= 1 && Object.keys(s).length <= 6, '1 to 6 params');
export type ParamSpace = z.infer<typeof ParamSpace>;

export const SearchSampler = z.discriminatedUnion('kind', [
  /** Every point of the space, in order (first param slowest). */
  z.strictObject({ kind: z.literal('grid') }),
  /** `count` distinct points drawn from the space with a seeded generator. */
  z.strictObject({
    kind: z.literal('random'),
    count: z.number().int().min(1).max(MAX_TRIALS_PER_SEARCH),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
  }),
]);
export type SearchSampler = z.infer<typeof SearchSampler>;

/**
 * Statistics a search can rank by, with the better direction. A trial whose statistic is null
 * (no trades, no volatility) ranks below every trial that has one.
 */
export const SEARCH_STATISTICS = {
  totalReturnPct: 'max',
  annualReturnPct: 'max',
  sharpe: 'max',
  sortino: 'max',
  calmar: 'max',
  profitFactor: 'max',
  winRate: 'max',
  expectancy: 'max',
  maxDrawdownPct: 'min',
  annualVolatilityPct: 'min',
} as const satisfies Record<string, 'max' | 'min'>;
export type SearchStatistic = keyof typeof SEARCH_STATISTICS;
export const SearchStatistic = z.enum(
  Object.keys(SEARCH_STATISTICS) as [SearchStatistic, ...SearchStatistic[]],
);

/**
 * Walk-forward windows over the request's candles: `rolling` moves an in-sample window of
 * `inSampleCandles` forward by `outOfSampleCandles`; `anchored` keeps its start and grows. Each
 * out-of-sample window is the `outOfSampleCandles` right after its in-sample window.
 */
export const WalkForwardSettings = z.strictObject({
  mode: z.enum(['rolling', 'anchored']),
  inSampleCandles: z.number().int().min(100).max(2_000_000),
  outOfSampleCandles: z.number().int().min(50).max(2_000_000),
});
export type WalkForwardSettings = z.infer<typeof WalkForwardSettings>;
export const MAX_WALK_FORWARD_WINDOWS = 50;

export const SearchRequest = z.strictObject({
  /** The run every trial varies: strategy (its params are the defaults), data, risk, settings. */
  base: BacktestRequest,
  space: ParamSpace,
  sampler: SearchSampler.default({ kind: 'grid' }),
  objective: SearchStatistic.default('sharpe'),
  walkForward: WalkForwardSettings.nullable().default(null),
});
export type SearchRequest = z.infer<typeof SearchRequest>;

export const SearchStatus = z.enum(['running', 'done', 'cancelled', 'failed']);
export type SearchStatus = z.infer<typeof SearchStatus>;

/** `full`: the whole range (no walk-forward); otherwise the window's in- or out-of-sample part. */
export const TrialPhase = z.enum(['full', 'in_sample', 'out_of_sample']);
export type TrialPhase = z.infer<typeof TrialPhase>;

export const SearchTrial = z.strictObject({
  id: Id,
  /** Index of the param set in the search's plan. */
  paramsIndex: z.number().int().nonnegative(),
  phase: TrialPhase,
  window: z.number().int().nonnegative().nullable(),
  params: z.record(z.string(), ParamValue),
  status: z.enum(['done', 'failed']),
  error: z.string().max(500).nullable(),
  statistics: BacktestStatistics.nullable(),
  candles: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
  /** The instance whose worker ran it (the first to store it). */
  instanceId: z.string().max(200),
  finishedAt: Timestamp,
});
export type SearchTrial = z.infer<typeof SearchTrial>;

const Range = z.strictObject({ from: Timestamp, to: Timestamp });

export const WalkForwardWindow = z.strictObject({
  index: z.number().int().nonnegative(),
  inSample: Range,
  outOfSample: Range,
  /** `no_valid_trial`: every in-sample trial failed or had no value of the objective. */
  status: z.enum(['pending', 'done', 'no_valid_trial']),
  bestParams: z.record(z.string(), ParamValue).nullable(),
  inSampleObjective: z.number().nullable(),
  outOfSampleObjective: z.number().nullable(),
  inSampleReturnPct: z.number().nullable(),
  outOfSampleReturnPct: z.number().nullable(),
  /** In-sample minus out-of-sample objective, signed so that positive is worse out of sample. */
  degradation: z.number().nullable(),
  /** Out-of-sample over in-sample annualised return; null when the in-sample one is not > 0. */
  efficiency: z.number().nullable(),
});
export type WalkForwardWindow = z.infer<typeof WalkForwardWindow>;

export const StitchedResult = z.strictObject({
  returnPct: z.number(),
  /** Over the kept points of the stitched curve (each window's low and high kept). */
  maxDrawdownPct: z.number().min(0),
  trades: z.number().int().nonnegative(),
  windows: z.number().int().nonnegative(),
  equityCurve: z.array(z.strictObject({ at: Timestamp, equity: z.number() })).max(25_000),
});
export type StitchedResult = z.infer<typeof StitchedResult>;

export const SearchJob = z.strictObject({
  id: Id,
  tenantId: Id,
  userId: Id,
  request: SearchRequest,
  status: SearchStatus,
  totalTrials: z.number().int().nonnegative(),
  /** Trials with a stored result (done or failed). */
  finishedTrials: z.number().int().nonnegative(),
  failedTrials: z.number().int().nonnegative(),
  /** Points of the space the strategy's schema refuses (e.g. fast >= slow), never run. */
  skippedCombos: z.number().int().nonnegative(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  error: z.string().max(500).nullable(),
  /** Best full-range trial by the objective (searches without walk-forward). */
  best: z
    .strictObject({ trialId: Id, params: z.record(z.string(), ParamValue), value: z.number() })
    .nullable(),
  windows: z.array(WalkForwardWindow),
  stitched: StitchedResult.nullable(),
});
export type SearchJob = z.infer<typeof SearchJob>;

/** Runs side by side: settings, statistics and equity curve of each (no trades, no prices). */
export const CompareRunsQuery = z.strictObject({
  /** Two to six run ids, comma-separated (kept a string so it survives a query string as is). */
  ids: z
    .string()
    .regex(
      /^[A-Za-z0-9_:.-]{1,64}(,[A-Za-z0-9_:.-]{1,64}){1,5}$/,
      'two to six run ids, comma-separated',
    ),
});
export const ComparedRun = BacktestJob.omit({ trades: true, prices: true });
export type ComparedRun = z.infer<typeof ComparedRun>;
export const CompareRunsResponse = z.strictObject({ runs: z.array(ComparedRun) });
export type CompareRunsResponse = z.infer<typeof CompareRunsResponse>;
