import { TrainingSettings, ValidationScheme } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/prng.js';
import { buildDataset, builtInDataset } from './dataset.js';
import type { CandleColumns, FeatureDefinition } from './features.js';
import { folds, validateWindows } from './validation.js';

/** A walk whose next move leans on the sign of the last one: something a model can find. */
function trendingWalk(n: number, seed: number): CandleColumns {
  const rnd = mulberry32(seed);
  const cols = {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let price = 100;
  let last = 0;
  for (let i = 0; i < n; i++) {
    const open = price;
    const move = (rnd() - 0.5) * 0.004 + last * 0.6;
    last = move;
    price *= Math.exp(move);
    cols.time[i] = Date.UTC(2026, 0, 5) + i * 60_000;
    cols.open[i] = open;
    cols.close[i] = price;
    cols.high[i] = Math.max(open, price) * (1 + rnd() * 0.001);
    cols.low[i] = Math.min(open, price) * (1 - rnd() * 0.001);
    cols.volume[i] = 10 + rnd() * 5;
  }
  return cols;
}

const settings = (embargo: number) =>
  TrainingSettings.parse({
    features: ['ret_1', 'ret_5', 'rsi_14'],
    horizon: 3,
    embargo,
    model: { kind: 'logistic' },
  });

describe('validation windows', () => {
  for (const kind of ['walk_forward', 'purged_kfold'] as const)
    for (const embargo of [0, 7])
      it(`${kind}, embargo ${embargo}: no training label reads a test candle`, () => {
        const s = settings(embargo);
        const scheme = ValidationScheme.parse({ kind, folds: 4 });
        const plan = folds(1_000, scheme, s);
        expect(plan).toHaveLength(4);
        for (const f of plan) {
          let trained = 0;
          for (let i = 0; i < 1_000; i++) {
            if (!f.trains(i)) continue;
            trained++;
            // The label window [i, i + horizon] never meets the test block.
            expect(i + s.horizon < f.from || i >= f.to).toBe(true);
            // K-fold: nothing right after the block within the embargo.
            if (kind === 'purged_kfold') expect(i < f.to || i >= f.to + embargo).toBe(true);
          }
          expect(trained).toBeGreaterThan(0);
          if (kind === 'walk_forward')
            // Expanding: trained only on the past.
            for (let i = f.from; i < 1_000; i++) expect(f.trains(i)).toBe(false);
        }
      });

  it('measures every window out of sample, pooled and per window, deterministically', () => {
    const cols = trendingWalk(6_000, 3);
    const s = settings(5);
    const data = builtInDataset(cols, s.features, s);
    const seen: number[] = [];
    const run = () =>
      validateWindows(data, {
        candles: cols.close.length,
        scheme: ValidationScheme.parse({ kind: 'walk_forward', folds: 5 }),
        settings: s,
        onWindow: (done) => seen.push(done),
      });
    const a = run();
    expect(a.windows).toHaveLength(5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    // Each window's training rows grow (expanding) and every window finds the lean.
    for (let k = 1; k < 5; k++)
      expect(a.windows[k]?.trainRows).toBeGreaterThan(a.windows[k - 1]?.trainRows ?? 0);
    for (const w of a.windows) expect(w.metrics.auc).toBeGreaterThan(0.6);
    expect(a.pooled.rows).toBe(a.windows.reduce((n, w) => n + w.metrics.rows, 0));
    expect(a.meanAuc).toBeGreaterThan(0.6);
    expect(a.stdAuc).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(run())).toBe(JSON.stringify(a));
  });

  it('the dataset the windows are cut from still refuses a feature that looks ahead', () => {
    const cols = trendingWalk(3_000, 9);
    const s = settings(0);
    const peek: FeatureDefinition = {
      id: 'peek',
      create: (c) => {
        let i = 0;
        return {
          update: (bar) => {
            const next = c.close[i + 3];
            i++;
            return next === undefined ? NaN : Math.log(next / bar.close);
          },
        };
      },
    };
    expect(() => buildDataset(cols, [peek], s)).toThrow(/looks ahead/);
  });
});
