import type { FeatureId } from '@bytelyst/trading-contracts';
import { type CandleColumns, type FeatureDefinition, builtInFeature } from './features.js';

/** A feature whose value at some candle depends on a later candle: refused before training. */
export class FeatureLeakError extends Error {
  readonly code = 'FEATURE_LOOKS_AHEAD';
  constructor(
    readonly feature: string,
    readonly row: number,
  ) {
    super(
      `feature ${feature} looks ahead: its value at candle ${row} changes when later candles are added`,
    );
  }
}

const prefix = (c: CandleColumns, n: number): CandleColumns => ({
  time: c.time.subarray(0, n),
  open: c.open.subarray(0, n),
  high: c.high.subarray(0, n),
  low: c.low.subarray(0, n),
  close: c.close.subarray(0, n),
  volume: c.volume.subarray(0, n),
});

/** Runs one feature over the columns, candle by candle, into a new column. */
export function featureColumn(def: FeatureDefinition, cols: CandleColumns): Float64Array {
  const n = cols.close.length;
  const out = new Float64Array(n);
  const stream = def.create(cols);
  const bar = { openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  for (let i = 0; i < n; i++) {
    bar.openTime = cols.time[i] as number;
    bar.open = cols.open[i] as number;
    bar.high = cols.high[i] as number;
    bar.low = cols.low[i] as number;
    bar.close = cols.close[i] as number;
    bar.volume = cols.volume[i] as number;
    out[i] = stream.update(bar);
  }
  return out;
}

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * The leakage check: the feature computed on the first k candles must equal, at every one of
 * those candles, the feature computed on the whole series. Checked at several cuts (the last
 * candle of each prefix is where a look-ahead shows). Returns the full column when it passes.
 */
export function causalColumn(def: FeatureDefinition, cols: CandleColumns): Float64Array {
  const full = featureColumn(def, cols);
  const n = full.length;
  const cuts = new Set([
    1,
    2,
    Math.floor(n / 4),
    Math.floor(n / 2),
    Math.floor((3 * n) / 4),
    n - 1,
  ]);
  for (const k of cuts) {
    if (k < 1 || k >= n) continue;
    const part = featureColumn(def, prefix(cols, k));
    for (let i = 0; i < k; i++)
      if (!same(part[i] as number, full[i] as number)) throw new FeatureLeakError(def.id, i);
  }
  return full;
}

export interface LabelSpec {
  /** Candles ahead the label looks; a row needs `horizon` later candles to have a label. */
  readonly horizon: number;
  /** The label is 1 when ln(close[t + horizon] / close[t]) > threshold. */
  readonly threshold: number;
}

/** Rows (candle indexes) with every feature finite and a label, their features and labels. */
export interface Dataset {
  readonly features: readonly string[];
  /** Row-major: row r's features are x[r * width .. r * width + width). */
  readonly x: Float64Array;
  readonly y: Uint8Array;
  /** The candle index of each row. */
  readonly index: Uint32Array;
  readonly width: number;
  readonly rows: number;
}

/**
 * Features (checked causal) and forward-return labels over a series. The label is the only
 * place the future is read, and a row's label window is recorded by its index so a split can
 * purge rows whose label reaches into the test period.
 */
export function buildDataset(
  cols: CandleColumns,
  defs: readonly FeatureDefinition[],
  label: LabelSpec,
): Dataset {
  const n = cols.close.length;
  const columns = defs.map((d) => causalColumn(d, cols));
  const width = defs.length;
  const keep: number[] = [];
  for (let i = 0; i + label.horizon < n; i++) {
    let ok = true;
    for (const c of columns)
      if (!Number.isFinite(c[i])) {
        ok = false;
        break;
      }
    if (ok) keep.push(i);
  }
  const rows = keep.length;
  const x = new Float64Array(rows * width);
  const y = new Uint8Array(rows);
  const index = new Uint32Array(rows);
  for (let r = 0; r < rows; r++) {
    const i = keep[r] as number;
    index[r] = i;
    for (let j = 0; j < width; j++) x[r * width + j] = (columns[j] as Float64Array)[i] as number;
    const fwd = Math.log((cols.close[i + label.horizon] as number) / (cols.close[i] as number));
    y[r] = fwd > label.threshold ? 1 : 0;
  }
  return { features: defs.map((d) => d.id), x, y, index, width, rows };
}

export const builtInDataset = (
  cols: CandleColumns,
  ids: readonly FeatureId[],
  label: LabelSpec,
): Dataset => buildDataset(cols, ids.map(builtInFeature), label);

/** Rows of a dataset picked by position (train or test part), sharing nothing with the source. */
export function selectRows(d: Dataset, from: number, to: number): Dataset {
  const rows = Math.max(0, to - from);
  return {
    features: d.features,
    width: d.width,
    rows,
    x: d.x.slice(from * d.width, to * d.width),
    y: d.y.slice(from, to),
    index: d.index.slice(from, to),
  };
}

/**
 * A purged, embargoed split: train rows are those whose label window ends before candle
 * `trainEnd` (so no training label reads a test candle); test rows start `embargo` candles after
 * it. Rows are in time order, so both parts are contiguous.
 */
export function purgedSplit(
  d: Dataset,
  o: { trainEnd: number; horizon: number; embargo: number },
): { train: Dataset; test: Dataset } {
  let trainTo = 0;
  while (trainTo < d.rows && (d.index[trainTo] as number) + o.horizon < o.trainEnd) trainTo++;
  let testFrom = trainTo;
  while (testFrom < d.rows && (d.index[testFrom] as number) < o.trainEnd + o.embargo) testFrom++;
  return { train: selectRows(d, 0, trainTo), test: selectRows(d, testFrom, d.rows) };
}
