import type { Dataset } from './dataset.js';
import { mulberry32 } from '../random/prng.js';
import { sigmoid } from './linear-algebra.js';

/**
 * One regression tree on the log-odds, stored as flat arrays (node 0 is the root). An internal
 * node sends x left when x[feature] <= threshold; a leaf has feature -1 and carries `value`.
 * `cover` is the number of training rows that reached the node (the weights of the path-dependent
 * expectation used by the attributions).
 */
export interface Tree {
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  readonly value: number[];
  readonly cover: number[];
}

export interface BoostedTreesModel {
  readonly kind: 'boosted-trees';
  /** Log-odds of the training positive rate: the model before any tree. */
  readonly init: number;
  readonly trees: Tree[];
}

export interface BoostingSettings {
  trees: number;
  depth: number;
  learningRate: number;
  minLeaf: number;
  bins: number;
  subsample: number;
  seed: number;
}

/** Candidate split points per feature: midpoints between distinct quantiles of the training rows. */
function binEdges(d: Dataset, bins: number): number[][] {
  const edges: number[][] = [];
  for (let j = 0; j < d.width; j++) {
    const col = new Float64Array(d.rows);
    for (let r = 0; r < d.rows; r++) col[r] = d.x[r * d.width + j] as number;
    col.sort();
    const out: number[] = [];
    for (let b = 1; b < bins; b++) {
      const at = Math.floor((b * d.rows) / bins);
      const lo = col[Math.max(0, at - 1)] as number;
      const hi = col[Math.min(d.rows - 1, at)] as number;
      const edge = lo === hi ? lo : (lo + hi) / 2;
      if (out.length === 0 || edge > (out[out.length - 1] as number)) out.push(edge);
    }
    edges.push(out);
  }
  return edges;
}

/** Each row's bin per feature: the count of edges below its value (row-major, one byte each). */
function binRows(d: Dataset, edges: number[][]): Uint8Array {
  const binned = new Uint8Array(d.rows * d.width);
  for (let j = 0; j < d.width; j++) {
    const e = edges[j] as number[];
    for (let r = 0; r < d.rows; r++) {
      const v = d.x[r * d.width + j] as number;
      let lo = 0;
      let hi = e.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((e[mid] as number) < v) lo = mid + 1;
        else hi = mid;
      }
      binned[r * d.width + j] = lo;
    }
  }
  return binned;
}

const LAMBDA = 1;

interface Builder {
  d: Dataset;
  binned: Uint8Array;
  edges: number[][];
  grad: Float64Array;
  hess: Float64Array;
  s: BoostingSettings;
  tree: {
    feature: number[];
    threshold: number[];
    left: number[];
    right: number[];
    value: number[];
    cover: number[];
  };
}

function leaf(b: Builder, rows: Uint32Array): number {
  let g = 0;
  let h = 0;
  for (const r of rows) {
    g += b.grad[r] as number;
    h += b.hess[r] as number;
  }
  const t = b.tree;
  t.feature.push(-1);
  t.threshold.push(0);
  t.left.push(-1);
  t.right.push(-1);
  t.value.push((b.s.learningRate * g) / (h + LAMBDA));
  t.cover.push(rows.length);
  return t.feature.length - 1;
}

/** Grows one node: the best histogram split by Newton gain, or a leaf. Returns the node index. */
function grow(b: Builder, rows: Uint32Array, depth: number): number {
  const { d, binned, grad, hess, s } = b;
  if (depth >= s.depth || rows.length < 2 * s.minLeaf) return leaf(b, rows);
  let gSum = 0;
  let hSum = 0;
  for (const r of rows) {
    gSum += grad[r] as number;
    hSum += hess[r] as number;
  }
  const parent = (gSum * gSum) / (hSum + LAMBDA);
  let best = { gain: 1e-12, feature: -1, bin: -1 };
  const nb = s.bins;
  const hg = new Float64Array(nb);
  const hh = new Float64Array(nb);
  const hc = new Uint32Array(nb);
  for (let j = 0; j < d.width; j++) {
    hg.fill(0);
    hh.fill(0);
    hc.fill(0);
    for (const r of rows) {
      const k = binned[r * d.width + j] as number;
      hg[k] = (hg[k] as number) + (grad[r] as number);
      hh[k] = (hh[k] as number) + (hess[r] as number);
      hc[k] = (hc[k] as number) + 1;
    }
    const edges = (b.edges[j] as number[]).length;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let k = 0; k < edges; k++) {
      gl += hg[k] as number;
      hl += hh[k] as number;
      cl += hc[k] as number;
      const cr = rows.length - cl;
      if (cl < s.minLeaf || cr < s.minLeaf) continue;
      const gr = gSum - gl;
      const hr = hSum - hl;
      const gain = (gl * gl) / (hl + LAMBDA) + (gr * gr) / (hr + LAMBDA) - parent;
      if (gain > best.gain) best = { gain, feature: j, bin: k };
    }
  }
  if (best.feature < 0) return leaf(b, rows);
  const leftRows: number[] = [];
  const rightRows: number[] = [];
  for (const r of rows)
    ((binned[r * d.width + best.feature] as number) <= best.bin ? leftRows : rightRows).push(r);
  const t = b.tree;
  const node = t.feature.length;
  t.feature.push(best.feature);
  t.threshold.push((b.edges[best.feature] as number[])[best.bin] as number);
  t.left.push(-1);
  t.right.push(-1);
  t.value.push(0);
  t.cover.push(rows.length);
  const l = grow(b, Uint32Array.from(leftRows), depth + 1);
  const r = grow(b, Uint32Array.from(rightRows), depth + 1);
  t.left[node] = l;
  t.right[node] = r;
  return node;
}

export function treeOutput(t: Tree, x: ArrayLike<number>): number {
  let n = 0;
  while ((t.feature[n] as number) >= 0)
    n =
      (x[t.feature[n] as number] as number) <= (t.threshold[n] as number)
        ? (t.left[n] as number)
        : (t.right[n] as number);
  return t.value[n] as number;
}

/**
 * Gradient boosting on the logistic loss: each tree fits a Newton step on the gradients of the
 * current log-odds, with histogram splits on per-feature quantile bins from the training rows.
 * Deterministic for a seed (the seed only draws, by mulberry32, the rows each tree sees when
 * subsample < 1).
 */
export function fitBoostedTrees(d: Dataset, s: BoostingSettings): BoostedTreesModel {
  let pos = 0;
  for (let r = 0; r < d.rows; r++) pos += d.y[r] as number;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, d.rows > 0 ? pos / d.rows : 0.5));
  const init = Math.log(rate / (1 - rate));
  const edges = binEdges(d, s.bins);
  const binned = binRows(d, edges);
  const f = new Float64Array(d.rows).fill(init);
  const grad = new Float64Array(d.rows);
  const hess = new Float64Array(d.rows);
  const random = mulberry32(s.seed);
  const trees: Tree[] = [];
  const row = new Float64Array(d.width);
  for (let t = 0; t < s.trees; t++) {
    for (let r = 0; r < d.rows; r++) {
      const p = sigmoid(f[r] as number);
      grad[r] = (d.y[r] as number) - p;
      hess[r] = p * (1 - p);
    }
    const picked: number[] = [];
    for (let r = 0; r < d.rows; r++) if (s.subsample >= 1 || random() < s.subsample) picked.push(r);
    const tree = { feature: [], threshold: [], left: [], right: [], value: [], cover: [] };
    grow({ d, binned, edges, grad, hess, s, tree }, Uint32Array.from(picked), 0);
    trees.push(tree);
    for (let r = 0; r < d.rows; r++) {
      for (let j = 0; j < d.width; j++) row[j] = d.x[r * d.width + j] as number;
      f[r] = (f[r] as number) + treeOutput(tree, row);
    }
  }
  return { kind: 'boosted-trees', init, trees };
}

/** E[tree(x) | the features in `known` as in x], the rest averaged by training cover. */
function conditional(t: Tree, x: ArrayLike<number>, known: ReadonlySet<number>, n = 0): number {
  const f = t.feature[n] as number;
  if (f < 0) return t.value[n] as number;
  const l = t.left[n] as number;
  const r = t.right[n] as number;
  if (known.has(f))
    return conditional(t, x, known, (x[f] as number) <= (t.threshold[n] as number) ? l : r);
  const cl = t.cover[l] as number;
  const cr = t.cover[r] as number;
  return (cl * conditional(t, x, known, l) + cr * conditional(t, x, known, r)) / (cl + cr);
}

const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));

/**
 * Exact Shapley values of one tree's output (the path-dependent value function TreeSHAP uses),
 * by enumerating subsets of the features the tree splits on; a tree of depth <= 3 uses at most
 * seven, so at most 128 subsets. Adds each feature's value into `out`; returns the base value
 * (the cover-weighted mean output). Base plus the values equals the tree's output.
 */
export function treeShap(t: Tree, x: ArrayLike<number>, out: Float64Array): number {
  const used = [...new Set(t.feature.filter((f) => f >= 0))];
  const m = used.length;
  const value = new Map<number, number>();
  const v = (mask: number): number => {
    let got = value.get(mask);
    if (got === undefined) {
      const known = new Set<number>();
      for (let i = 0; i < m; i++) if (mask & (1 << i)) known.add(used[i] as number);
      got = conditional(t, x, known);
      value.set(mask, got);
    }
    return got;
  };
  for (let i = 0; i < m; i++) {
    let phi = 0;
    for (let mask = 0; mask < 1 << m; mask++) {
      if (mask & (1 << i)) continue;
      let size = 0;
      for (let k = mask; k; k &= k - 1) size++;
      const weight = (factorial(size) * factorial(m - size - 1)) / factorial(m);
      phi += weight * (v(mask | (1 << i)) - v(mask));
    }
    const f = used[i] as number;
    out[f] = (out[f] as number) + phi;
  }
  return v(0);
}

export function boostedLogOdds(m: BoostedTreesModel, x: ArrayLike<number>): number {
  let f = m.init;
  for (const t of m.trees) f += treeOutput(t, x);
  return f;
}

/** The log-odds split into a base value and one contribution per feature (SHAP, summed over trees). */
export function boostedParts(
  m: BoostedTreesModel,
  x: ArrayLike<number>,
  out: Float64Array,
): number {
  out.fill(0);
  let base = m.init;
  for (const t of m.trees) base += treeShap(t, x, out);
  return base;
}
