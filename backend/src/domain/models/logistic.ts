import type { Dataset } from './dataset.js';
import { sigmoid, solveSpd } from './linear-algebra.js';

/** Mean and standard deviation per feature, from the training rows only. */
export interface Standardisation {
  readonly mean: number[];
  readonly std: number[];
}

export function standardisation(d: Dataset): Standardisation {
  const mean = new Array<number>(d.width).fill(0);
  const std = new Array<number>(d.width).fill(0);
  for (let r = 0; r < d.rows; r++)
    for (let j = 0; j < d.width; j++)
      mean[j] = (mean[j] as number) + (d.x[r * d.width + j] as number);
  for (let j = 0; j < d.width; j++) mean[j] = d.rows > 0 ? (mean[j] as number) / d.rows : 0;
  for (let r = 0; r < d.rows; r++)
    for (let j = 0; j < d.width; j++) {
      const v = (d.x[r * d.width + j] as number) - (mean[j] as number);
      std[j] = (std[j] as number) + v * v;
    }
  for (let j = 0; j < d.width; j++) {
    const s = d.rows > 1 ? Math.sqrt((std[j] as number) / d.rows) : 0;
    // A constant feature stays at zero after scaling instead of dividing by zero.
    std[j] = s > 0 ? s : 1;
  }
  return { mean, std };
}

export interface LogisticModel {
  readonly kind: 'logistic';
  readonly scale: Standardisation;
  readonly intercept: number;
  /** One coefficient per standardised feature. */
  readonly weights: number[];
}

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
 * squares) on standardised features. Deterministic: no randomness, a fixed iteration order, and
 * it stops when the step is below 1e-10 or after `maxIterations`. The intercept is not penalised.
 */
export function fitLogistic(d: Dataset, o: { l2: number; maxIterations: number }): LogisticModel {
  const scale = standardisation(d);
  const p = d.width + 1;
  const beta = new Float64Array(p);
  const z = new Float64Array(p);
  z[0] = 1;
  for (let it = 0; it < o.maxIterations; it++) {
    const grad = new Float64Array(p);
    const hess = new Float64Array(p * p);
    for (let r = 0; r < d.rows; r++) {
      for (let j = 0; j < d.width; j++)
        z[j + 1] =
          ((d.x[r * d.width + j] as number) - (scale.mean[j] as number)) / (scale.std[j] as number);
      let eta = 0;
      for (let j = 0; j < p; j++) eta += (beta[j] as number) * (z[j] as number);
      const mu = sigmoid(eta);
      const w = mu * (1 - mu);
      const resid = (d.y[r] as number) - mu;
      for (let a = 0; a < p; a++) {
        const za = z[a] as number;
        grad[a] = (grad[a] as number) + resid * za;
        for (let b = 0; b <= a; b++)
          hess[a * p + b] = (hess[a * p + b] as number) + w * za * (z[b] as number);
      }
    }
    for (let a = 0; a < p; a++)
      for (let b = 0; b < a; b++) hess[b * p + a] = hess[a * p + b] as number;
    for (let a = 1; a < p; a++) {
      grad[a] = (grad[a] as number) - o.l2 * (beta[a] as number);
      hess[a * p + a] = (hess[a * p + a] as number) + o.l2;
    }
    // A tiny ridge on the intercept keeps the system solvable when one class is absent.
    hess[0] = (hess[0] as number) + 1e-9;
    const step = solveSpd(hess, grad, p);
    let size = 0;
    for (let a = 0; a < p; a++) {
      beta[a] = (beta[a] as number) + (step[a] as number);
      size = Math.max(size, Math.abs(step[a] as number));
    }
    if (size < 1e-10) break;
  }
  return {
    kind: 'logistic',
    scale,
    intercept: beta[0] as number,
    weights: Array.from(beta.subarray(1)),
  };
}

/**
 * The log-odds as the sum of its parts: the intercept (the base value) plus one contribution per
 * feature, coefficient times standardised input. `logOdds` is computed as exactly that sum, so
 * the attribution adds up to the model's output with no rounding difference.
 */
export function logisticParts(
  m: LogisticModel,
  x: ArrayLike<number>,
  contributions: Float64Array,
): number {
  let eta = m.intercept;
  for (let j = 0; j < m.weights.length; j++) {
    const c =
      (m.weights[j] as number) *
      (((x[j] as number) - (m.scale.mean[j] as number)) / (m.scale.std[j] as number));
    contributions[j] = c;
    eta += c;
  }
  return eta;
}
