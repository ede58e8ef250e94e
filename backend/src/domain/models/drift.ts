import type { FeatureId } from '@bytelyst/trading-contracts';

/** Bins per feature for the population stability index (deciles of the training rows). */
export const DRIFT_BINS = 10;
/** A bin seen in one population but not the other counts as this fraction, not zero (PSI is a log). */
const PSI_FLOOR = 1e-4;
// Standard normal deciles: bins for an artifact trained before quantile edges were stored.
const NORMAL_DECILES = [-1.2816, -0.8416, -0.5244, -0.2533, 0, 0.2533, 0.5244, 0.8416, 1.2816];

/**
 * Calendar features are not judged: over a window shorter than a week their distribution is set
 * by the clock (a day's candles all share one weekday), not by a change in the market.
 */
const CLOCK_FEATURES: ReadonlySet<FeatureId> = new Set([
  'hour_sin',
  'hour_cos',
  'weekday_sin',
  'weekday_cos',
]);

/** The training distribution of each feature: inner bin edges and the share of rows per bin. */
export interface DriftReference {
  readonly edges: number[][];
  readonly fractions: number[][];
}

/**
 * Which of the DRIFT_BINS bins `v` falls in (edges ascending; a value on an edge goes right): the
 * number of edges at or below `v`, by bisection (it runs for every feature of every candle).
 */
export function binOf(edges: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v >= (edges[mid] as number)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Decile edges of each column of a row-major matrix and the share of its rows in each bin. */
export function driftReference(x: Float64Array, rows: number, width: number): DriftReference {
  const edges: number[][] = [];
  const fractions: number[][] = [];
  const column = new Float64Array(rows);
  for (let j = 0; j < width; j++) {
    for (let r = 0; r < rows; r++) column[r] = x[r * width + j] as number;
    const sorted = column.slice().sort();
    const e: number[] = [];
    for (let k = 1; k < DRIFT_BINS; k++) {
      const edge = sorted[Math.min(rows - 1, Math.floor((k * rows) / DRIFT_BINS))] as number;
      // Ties can make two deciles equal; an edge repeated would make an empty bin, so skip it.
      if (e.length === 0 || edge > (e[e.length - 1] as number)) e.push(edge);
    }
    const counts = new Array<number>(e.length + 1).fill(0);
    for (let r = 0; r < rows; r++) {
      const b = binOf(e, column[r] as number);
      counts[b] = (counts[b] as number) + 1;
    }
    edges.push(e);
    fractions.push(counts.map((c) => (rows > 0 ? c / rows : 0)));
  }
  return { edges, fractions };
}

/** Population stability index of observed bin counts against expected shares. */
export function psi(expected: readonly number[], counts: ArrayLike<number>, total: number): number {
  let s = 0;
  for (let b = 0; b < expected.length; b++) {
    const e = Math.max(PSI_FLOOR, expected[b] as number);
    const a = Math.max(PSI_FLOOR, total > 0 ? (counts[b] as number) / total : 0);
    s += (a - e) * Math.log(a / e);
  }
  return s;
}

/** What the watch needs of a trained model (a `TrainedModel` is one). */
export interface WatchedModel {
  readonly features: readonly FeatureId[];
  readonly settings: { readonly horizon: number; readonly threshold: number };
  readonly metrics: {
    readonly outOfSample: { readonly threshold: number; readonly hitRate: number };
  };
  readonly reference: {
    readonly mean: readonly number[];
    readonly std: readonly number[];
    readonly edges?: number[][];
    readonly fractions?: number[][];
  };
}

/** The bounds of a profile's drift watch (its model strategy params). */
export interface DriftBounds {
  /** Candles in the rolling window the live distribution is measured on. */
  readonly window: number;
  /** Past this PSI on any feature, with a full window, the model has drifted. */
  readonly psiMax: number;
  /** Live hit rate this far below the validation hit rate, over a full window, is drift too. */
  readonly hitRateDrop: number;
}

/** What the watch measured, for the alert and the surfaces. */
export interface DriftReading {
  readonly samples: number;
  readonly worstFeature: FeatureId | null;
  readonly worstPsi: number;
  readonly resolved: number;
  readonly liveHitRate: number | null;
  readonly validationHitRate: number;
}

/**
 * Watches one model strategy's live inputs and outcomes against its training (pure, per slot):
 * the PSI of each feature over the last `window` candles against the training deciles, and the
 * hit rate of its calls (p above the validation cut = "up more than the label threshold within
 * the horizon") once each call's horizon has passed. `breach` is set once, with the figures, the
 * first candle either passes its bound; it is never cleared here (the profile's next version is).
 */
export class DriftWatch {
  breach: string | null = null;
  private readonly ref: DriftReference;
  /** Each feature's inner edges as a typed array (the bisection reads them per candle). */
  private readonly edges: Float64Array[];
  private readonly bins: Uint8Array;
  /** Rows of the window per feature and bin, feature-major with DRIFT_BINS slots per feature. */
  private readonly counts: Uint32Array;
  private readonly width: number;
  private seen = 0;
  private readonly closes: Float64Array;
  private readonly calls: Int8Array;
  private readonly hits: Uint8Array;
  private resolved = 0;
  private hitCount = 0;

  constructor(
    private readonly model: WatchedModel,
    private readonly bounds: DriftBounds,
  ) {
    this.ref = model.reference.edges
      ? { edges: model.reference.edges, fractions: model.reference.fractions ?? [] }
      : normalReference(model);
    const width = this.ref.edges.length;
    this.width = width;
    this.edges = this.ref.edges.map((e) => Float64Array.from(e));
    this.bins = new Uint8Array(bounds.window * width);
    this.counts = new Uint32Array(width * DRIFT_BINS);
    const h = model.settings.horizon;
    this.closes = new Float64Array(h + 1);
    this.calls = new Int8Array(h + 1).fill(-1);
    this.hits = new Uint8Array(bounds.window);
  }

  /** One closed candle: its feature row (all finite), close and the model's probability. */
  observe(x: ArrayLike<number>, close: number, p: number): void {
    if (this.breach !== null) return;
    const { width, counts, bins } = this;
    const slot = (this.seen % this.bounds.window) * width;
    const full = this.seen >= this.bounds.window;
    for (let j = 0; j < width; j++) {
      const base = j * DRIFT_BINS;
      if (full) {
        const old = base + (bins[slot + j] as number);
        counts[old] = (counts[old] as number) - 1;
      }
      const b = binOf(this.edges[j] as Float64Array, x[j] as number);
      bins[slot + j] = b;
      counts[base + b] = (counts[base + b] as number) + 1;
    }
    this.outcome(close, p);
    this.seen++;
    this.check();
  }

  /** Resolves the call made `horizon` candles ago against this close; records this one's call. */
  private outcome(close: number, p: number): void {
    const h = this.model.settings.horizon;
    const ring = this.seen % (h + 1);
    const call = this.calls[ring] as number;
    if (call !== -1) {
      const up = Math.log(close / (this.closes[ring] as number)) > this.model.settings.threshold;
      const hit = (call === 1) === up ? 1 : 0;
      const at = this.resolved % this.bounds.window;
      if (this.resolved >= this.bounds.window) this.hitCount -= this.hits[at] as number;
      this.hits[at] = hit;
      this.hitCount += hit;
      this.resolved++;
    }
    this.closes[ring] = close;
    this.calls[ring] = p > this.model.metrics.outOfSample.threshold ? 1 : 0;
  }

  reading(): DriftReading {
    const total = Math.min(this.seen, this.bounds.window);
    let worstPsi = 0;
    let worst: FeatureId | null = null;
    for (let j = 0; j < this.width; j++) {
      const f = this.model.features[j];
      if (f === undefined || CLOCK_FEATURES.has(f)) continue;
      const counts = this.counts.subarray(j * DRIFT_BINS, (j + 1) * DRIFT_BINS);
      const v = psi(this.ref.fractions[j] as number[], counts, total);
      if (v > worstPsi || worst === null) {
        worstPsi = v;
        worst = f;
      }
    }
    const n = Math.min(this.resolved, this.bounds.window);
    return {
      samples: total,
      worstFeature: worst,
      worstPsi,
      resolved: n,
      liveHitRate: n > 0 ? this.hitCount / n : null,
      validationHitRate: this.model.metrics.outOfSample.hitRate,
    };
  }

  private check(): void {
    // Judged on full windows only: a few candles after a start say nothing about a distribution.
    if (this.seen < this.bounds.window || this.seen % 10 !== 0) return;
    const r = this.reading();
    const psiBreach = r.worstPsi > this.bounds.psiMax;
    const hitBreach =
      r.resolved >= this.bounds.window &&
      r.liveHitRate !== null &&
      r.liveHitRate < r.validationHitRate - this.bounds.hitRateDrop;
    if (!psiBreach && !hitBreach) return;
    const parts: string[] = [];
    if (psiBreach)
      parts.push(`PSI ${r.worstPsi.toFixed(3)} on ${r.worstFeature} > ${this.bounds.psiMax}`);
    if (hitBreach)
      parts.push(
        `live hit rate ${fmtPct(r.liveHitRate ?? 0)} < validation ${fmtPct(r.validationHitRate)} - ${fmtPct(this.bounds.hitRateDrop)}`,
      );
    this.breach = `${parts.join('; ')} over the last ${r.samples} candles`;
  }
}

const fmtPct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Deciles of a normal with the training mean and deviation: the reference of an old artifact. */
function normalReference(model: WatchedModel): DriftReference {
  const { mean, std } = model.reference;
  return {
    edges: mean.map((m, j) => NORMAL_DECILES.map((z) => m + z * (std[j] ?? 0))),
    fractions: mean.map(() => new Array<number>(DRIFT_BINS).fill(1 / DRIFT_BINS)),
  };
}
