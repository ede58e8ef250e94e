import type { ClassifierMetrics } from '@bytelyst/trading-contracts';

/** Area under the ROC curve by ranks (ties share their average rank); 0.5 when one class is absent. */
export function auc(p: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = p.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (p[a] as number) - (p[b] as number),
  );
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && p[order[j + 1] as number] === p[order[i] as number]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++)
      if (y[order[k] as number] === 1) {
        pos++;
        rankSum += rank;
      }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Log loss, AUC, precision and hit rate at `threshold`, and a ten-bin calibration table. */
export function classifierMetrics(
  p: ArrayLike<number>,
  y: ArrayLike<number>,
  threshold: number,
): ClassifierMetrics {
  const n = p.length;
  let loss = 0;
  let positives = 0;
  let predicted = 0;
  let truePos = 0;
  let right = 0;
  const bins = Array.from({ length: 10 }, (_, i) => ({
    from: i / 10,
    to: (i + 1) / 10,
    rows: 0,
    predicted: 0,
    observed: 0,
  }));
  for (let i = 0; i < n; i++) {
    const pi = Math.min(1 - 1e-15, Math.max(1e-15, p[i] as number));
    const yi = y[i] as number;
    loss -= yi === 1 ? Math.log(pi) : Math.log(1 - pi);
    positives += yi;
    const call = pi > threshold ? 1 : 0;
    predicted += call;
    if (call === 1 && yi === 1) truePos++;
    if (call === yi) right++;
    const bin = bins[Math.min(9, Math.floor(pi * 10))] as (typeof bins)[number];
    bin.rows++;
    bin.predicted += pi;
    bin.observed += yi;
  }
  return {
    rows: n,
    positiveRate: n > 0 ? positives / n : 0,
    logLoss: n > 0 ? loss / n : 0,
    auc: auc(p, y),
    threshold,
    predictedPositive: predicted,
    precision: predicted > 0 ? truePos / predicted : 0,
    hitRate: n > 0 ? right / n : 0,
    calibration: bins.map((b) => ({
      ...b,
      predicted: b.rows > 0 ? b.predicted / b.rows : 0,
      observed: b.rows > 0 ? b.observed / b.rows : 0,
    })),
  };
}
