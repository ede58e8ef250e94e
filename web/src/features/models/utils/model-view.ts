import {
  MODEL_FEATURES,
  type ClassifierMetrics,
  type ModelVersion,
} from '@bytelyst/trading-contracts';
import type { UTCTimestamp } from 'lightweight-charts';
import type { Tone } from '../../../components/badge';

export interface ModelStatus {
  label: string;
  tone: Tone;
  /** Who and why, for the list's second line. */
  detail: string | null;
}

/** Switched off wins over approved: a switched-off version trades nowhere whatever its approval. */
export function modelStatus(m: ModelVersion): ModelStatus {
  if (m.disabledAt)
    return { label: 'switched off', tone: 'danger', detail: m.disabledReason ?? null };
  if (m.approvedAt) return { label: 'approved', tone: 'ok', detail: m.approvalNote ?? null };
  return { label: 'not approved', tone: 'muted', detail: 'paper only until approved' };
}

export interface ImportanceRow {
  feature: string;
  label: string;
  importance: number;
  /** Share of the largest, 0..1: the bar's length. */
  share: number;
}

/** Mean |contribution| per feature (the API keeps `features` order), largest first. */
export function importanceRows(m: Pick<ModelVersion, 'features' | 'importance'>): ImportanceRow[] {
  if (!m.importance) return [];
  const rows = m.features.map((feature, i) => ({
    feature,
    label: MODEL_FEATURES[feature],
    importance: m.importance?.[i] ?? 0,
  }));
  const max = Math.max(0, ...rows.map((r) => r.importance));
  return rows
    .map((r) => ({ ...r, share: max > 0 ? r.importance / max : 0 }))
    .sort((a, b) => b.importance - a.importance);
}

export interface MetricRow {
  label: string;
  inSample: string;
  outOfSample: string;
}

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The classifier's figures side by side: a wide gap between the columns is overfitting. */
export function metricRows(m: { inSample: ClassifierMetrics; outOfSample: ClassifierMetrics }) {
  const row = (label: string, f: (c: ClassifierMetrics) => string): MetricRow => ({
    label,
    inSample: f(m.inSample),
    outOfSample: f(m.outOfSample),
  });
  return [
    row('Rows', (c) => c.rows.toLocaleString('en-US')),
    row('Positive rate', (c) => pct(c.positiveRate)),
    row('Log loss', (c) => f3(c.logLoss)),
    row('AUC', (c) => f3(c.auc)),
    row('Threshold', (c) => c.threshold.toFixed(2)),
    row('Predicted positive', (c) => c.predictedPositive.toLocaleString('en-US')),
    row('Precision', (c) => pct(c.precision)),
    row('Hit rate', (c) => pct(c.hitRate)),
  ];
}

/** The card's equity points for the chart: seconds, strictly rising (a repeat keeps the last). */
export function equityLine(points: readonly { at: number; equity: number }[]) {
  const out: { time: UTCTimestamp; value: number }[] = [];
  for (const p of points) {
    const time = Math.floor(p.at / 1000) as UTCTimestamp;
    const prev = out.at(-1);
    if (prev && prev.time >= time) out[out.length - 1] = { time: prev.time, value: p.equity };
    else out.push({ time, value: p.equity });
  }
  return out;
}

export const shortHash = (h: string) => (h.length > 16 ? `${h.slice(0, 12)}…${h.slice(-4)}` : h);
