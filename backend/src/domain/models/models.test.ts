import { TrainingSettings } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/prng.js';
import {
  FeatureLeakError,
  buildDataset,
  builtInDataset,
  featureColumn,
  purgedSplit,
} from './dataset.js';
import {
  type CandleColumns,
  type FeatureDefinition,
  FeatureRow,
  builtInFeature,
} from './features.js';
import { auc } from './metrics.js';
import { canonicalJson, explain, predictRows, trainModel } from './model.js';

/** A seeded random walk of one-minute candles: no edge anywhere in its past. */
function randomWalk(n: number, seed: number): CandleColumns {
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
  for (let i = 0; i < n; i++) {
    const open = price;
    price *= Math.exp((rnd() - 0.5) * 0.004);
    cols.time[i] = Date.UTC(2026, 0, 5) + i * 60_000;
    cols.open[i] = open;
    cols.close[i] = price;
    cols.high[i] = Math.max(open, price) * (1 + rnd() * 0.001);
    cols.low[i] = Math.min(open, price) * (1 - rnd() * 0.001);
    cols.volume[i] = 10 + rnd() * 5;
  }
  return cols;
}

/** Looks one candle ahead: the next close over this one, the classic leak of a joined column. */
const peekNextClose: FeatureDefinition = {
  id: 'next_return',
  create: (cols) => {
    let i = 0;
    return {
      update: (bar) => {
        const next = cols.close[i + 1];
        i++;
        return next === undefined ? NaN : Math.log(next / bar.close);
      },
    };
  },
};

const ALL = [
  'ret_1',
  'ret_5',
  'ret_20',
  'rsi_14',
  'macd_hist',
  'atr_14',
  'vol_20',
  'volume_z_20',
  'dist_sma_20',
  'dist_sma_50',
  'channel_pos_20',
  'hour_sin',
  'hour_cos',
] as const;

const settings = (model: unknown, over: object = {}) =>
  TrainingSettings.parse({ features: ALL, horizon: 1, threshold: 0, model, ...over });

describe('features', () => {
  it('compute what their names say on hand-checked candles', () => {
    const cols = randomWalk(60, 3);
    const ret5 = featureColumn(builtInFeature('ret_5'), cols);
    expect(ret5[4]).toBeNaN();
    expect(ret5[30]).toBeCloseTo(
      Math.log((cols.close[30] as number) / (cols.close[25] as number)),
      15,
    );
    const pos = featureColumn(builtInFeature('channel_pos_20'), cols);
    const hi = Math.max(...cols.high.slice(21, 41));
    const lo = Math.min(...cols.low.slice(21, 41));
    expect(pos[40]).toBeCloseTo(((cols.close[40] as number) - lo) / (hi - lo), 12);
    // 2026-01-05 is a Monday: the weekday phase starts at 0 there, the hour phase at midnight.
    expect(featureColumn(builtInFeature('weekday_sin'), cols)[0]).toBeCloseTo(0, 12);
    expect(featureColumn(builtInFeature('hour_cos'), cols)[0]).toBeCloseTo(1, 12);
  });

  it('a row is ready only once every feature has warmed up', () => {
    const cols = randomWalk(80, 4);
    const row = new FeatureRow(['ret_1', 'dist_sma_50']);
    const ready: boolean[] = [];
    for (let i = 0; i < 80; i++)
      ready.push(
        row.update({
          open: cols.open[i] as number,
          high: cols.high[i] as number,
          low: cols.low[i] as number,
          close: cols.close[i] as number,
          volume: 1,
        }),
      );
    expect(ready.indexOf(true)).toBe(49);
  });
});

describe('training without leakage', () => {
  it('refuses a feature that looks one candle ahead', () => {
    const cols = randomWalk(2_000, 5);
    expect(() =>
      buildDataset(cols, [builtInFeature('ret_1'), peekNextClose], { horizon: 1, threshold: 0 }),
    ).toThrow(FeatureLeakError);
    try {
      buildDataset(cols, [peekNextClose], { horizon: 1, threshold: 0 });
    } catch (e) {
      expect((e as FeatureLeakError).feature).toBe('next_return');
    }
  });

  it('the peeking feature would predict perfectly if let through (so the check matters)', () => {
    const cols = randomWalk(2_000, 5);
    const peek = featureColumn(peekNextClose, cols);
    const p: number[] = [];
    const y: number[] = [];
    for (let i = 0; i + 1 < 2_000; i++) {
      p.push(peek[i] as number);
      y.push(Math.log((cols.close[i + 1] as number) / (cols.close[i] as number)) > 0 ? 1 : 0);
    }
    expect(auc(p, y)).toBe(1);
  });

  it('a series whose only edge is in the future shows no out-of-sample edge', () => {
    const cols = randomWalk(20_000, 6);
    for (const model of [{ kind: 'logistic' }, { kind: 'boosted-trees', trees: 30 }]) {
      const m = trainModel(cols, settings(model));
      expect(Math.abs(m.metrics.outOfSample.auc - 0.5)).toBeLessThan(0.03);
    }
  });

  it('the purged split keeps every training label window before the test period', () => {
    const cols = randomWalk(1_000, 7);
    const data = builtInDataset(cols, ['ret_1'], { horizon: 10, threshold: 0 });
    const { train, test } = purgedSplit(data, { trainEnd: 700, horizon: 10, embargo: 5 });
    expect((train.index[train.rows - 1] as number) + 10).toBeLessThan(700);
    expect(test.index[0]).toBeGreaterThanOrEqual(705);
  });
});

describe('attributions add up to the output', () => {
  const cols = randomWalk(5_000, 8);
  const rnd = mulberry32(99);
  const inputs = Array.from({ length: 200 }, () => Float64Array.from(ALL, () => (rnd() - 0.5) * 2));

  it('logistic regression: contributions plus the intercept equal the log-odds exactly', () => {
    const { fitted } = trainModel(cols, settings({ kind: 'logistic' }));
    const c = new Float64Array(ALL.length);
    for (const x of inputs) {
      const { logOdds, base } = explain(fitted, x, c);
      let sum = base;
      for (const v of c) sum += v;
      expect(sum).toBe(logOdds);
    }
  });

  it('boosted trees: SHAP values plus the base value equal the log-odds within 1e-9', () => {
    const { fitted } = trainModel(
      cols,
      settings({ kind: 'boosted-trees', trees: 40, depth: 3, minLeaf: 20 }),
    );
    const c = new Float64Array(ALL.length);
    for (const x of inputs) {
      const { logOdds, base } = explain(fitted, x, c);
      let sum = base;
      for (const v of c) sum += v;
      expect(Math.abs(sum - logOdds)).toBeLessThan(1e-9);
    }
  });
});

describe('determinism', () => {
  const cols = randomWalk(5_000, 9);
  it('the same data, seed and settings give the same artifact; a JSON round trip predicts bit for bit', () => {
    for (const model of [
      { kind: 'logistic' },
      { kind: 'boosted-trees', trees: 20, subsample: 0.7 },
    ]) {
      const a = trainModel(cols, settings(model, { seed: 11 }));
      const b = trainModel(cols, settings(model, { seed: 11 }));
      expect(canonicalJson(a)).toBe(canonicalJson(b));
      const reloaded = JSON.parse(JSON.stringify(a)) as typeof a;
      const data = builtInDataset(cols, ALL, { horizon: 1, threshold: 0 });
      expect(Array.from(predictRows(reloaded.fitted, data))).toEqual(
        Array.from(predictRows(a.fitted, data)),
      );
    }
    const c = trainModel(
      cols,
      settings({ kind: 'boosted-trees', trees: 20, subsample: 0.7 }, { seed: 12 }),
    );
    const a = trainModel(
      cols,
      settings({ kind: 'boosted-trees', trees: 20, subsample: 0.7 }, { seed: 11 }),
    );
    expect(canonicalJson(c)).not.toBe(canonicalJson(a));
  });
});

describe('metrics', () => {
  it('AUC by ranks matches a hand count, ties counted half', () => {
    // Pairs (pos, neg): (0.9,0.1) (0.9,0.4) (0.4,0.1) (0.4,0.4 tie = 0.5): 3.5 of 4.
    expect(auc([0.1, 0.4, 0.4, 0.9], [0, 0, 1, 1])).toBe(3.5 / 4);
  });
});
