/**
 * The param sets a search runs: grid or seeded random points of a param space, each merged into
 * the base strategy's params and kept only when the strategy's own schema accepts it.
 */
import {
  AppError,
  STRATEGY_PARAM_SCHEMAS,
  type ParamRange,
  type ParamSpace,
  type ParamValue,
  type SearchSampler,
  type StrategyConfig,
} from '@bytelyst/trading-contracts';
import { mulberry32 } from '../random/prng.js';

/** A grid larger than this is refused before anything runs (each point is validated). */
export const MAX_SPACE_POINTS = 1_000_000;

export type ParamPoint = Record<string, ParamValue>;

/** The values of one param, in order; a stepped range without float noise (0.1 + 0.2 = 0.3). */
export function pointsOf(range: ParamRange): ParamValue[] {
  if ('values' in range) return [...new Set(range.values)];
  const n = Math.floor((range.max - range.min) / range.step + 1e-9) + 1;
  return Array.from({ length: n }, (_, k) => Number((range.min + k * range.step).toPrecision(12)));
}

export const spaceSize = (space: ParamSpace): number =>
  Object.values(space).reduce((n, r) => n * pointsOf(r).length, 1);

/** The `index`-th point of the grid, the first param varying slowest. */
export function pointAt(space: ParamSpace, index: number): ParamPoint {
  const names = Object.keys(space);
  const values = names.map((n) => pointsOf(space[n] as ParamRange));
  const out: ParamPoint = {};
  let rest = index;
  for (let i = names.length - 1; i >= 0; i--) {
    const vs = values[i] ?? [];
    out[names[i] ?? ''] = vs[rest % vs.length] as ParamValue;
    rest = Math.floor(rest / vs.length);
  }
  // Keep the space's key order (first param first) for display.
  return Object.fromEntries(names.map((n) => [n, out[n] as ParamValue]));
}

/** Grid indices in order, or `count` distinct ones drawn with mulberry32(seed), sorted. */
export function sampleIndices(size: number, sampler: SearchSampler): number[] {
  if (sampler.kind === 'grid' || sampler.count >= size)
    return Array.from({ length: size }, (_, i) => i);
  const rand = mulberry32(sampler.seed);
  const picked = new Set<number>();
  while (picked.size < sampler.count) picked.add(Math.floor(rand() * size));
  return [...picked].sort((a, b) => a - b);
}

export interface PlannedParams {
  /** Varied params only, as the user named them. */
  point: ParamPoint;
  /** The whole strategy config a trial runs. */
  strategy: StrategyConfig;
}

const invalid = (message: string): AppError =>
  new AppError('VALIDATION_FAILED', message, {
    details: { issues: [{ path: 'body.space', message }] },
  });

/**
 * The param sets of a search, in plan order, and how many points the strategy's schema refused
 * (a fast period not below the slow one, say): those never run.
 */
export function planParamSets(input: {
  base: StrategyConfig;
  space: ParamSpace;
  sampler: SearchSampler;
}): { sets: PlannedParams[]; skipped: number } {
  const known = new Set(Object.keys(input.base.params));
  for (const name of Object.keys(input.space))
    if (!known.has(name)) throw invalid(`${name} is not a param of ${input.base.strategy}`);
  const size = spaceSize(input.space);
  if (size > MAX_SPACE_POINTS)
    throw invalid(`the space has ${size} points; at most ${MAX_SPACE_POINTS}`);
  const schema = STRATEGY_PARAM_SCHEMAS[input.base.strategy];
  const sets: PlannedParams[] = [];
  let skipped = 0;
  for (const i of sampleIndices(size, input.sampler)) {
    const point = pointAt(input.space, i);
    const parsed = schema.safeParse({ ...input.base.params, ...point });
    if (!parsed.success) {
      skipped++;
      continue;
    }
    sets.push({
      point,
      strategy: { strategy: input.base.strategy, params: parsed.data } as StrategyConfig,
    });
  }
  return { sets, skipped };
}
