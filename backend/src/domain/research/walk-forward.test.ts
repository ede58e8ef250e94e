import { describe, expect, it } from 'vitest';
import { bestTrial, planWindows, stitch, windowReport, type TrialOutcome } from './walk-forward.js';

const M = 60_000;

const trial = (paramsIndex: number, value: number | null, extra: Partial<TrialOutcome> = {}) => ({
  id: `t${paramsIndex}`,
  paramsIndex,
  point: { p: paramsIndex },
  status: 'done' as const,
  value,
  totalReturnPct: value,
  annualReturnPct: value,
  trades: 1,
  ...extra,
});

describe('walk-forward windows', () => {
  it('rolls the in-sample window by the out-of-sample length; no candle in both', () => {
    const w = planWindows({
      data: { from: 0, to: 1000 * M },
      timeframeMs: M,
      settings: { mode: 'rolling', inSampleCandles: 400, outOfSampleCandles: 200 },
    });
    expect(w.map((x) => [x.inSample.from / M, x.inSample.to / M, x.outOfSample.to / M])).toEqual([
      [0, 400, 600],
      [200, 600, 800],
      [400, 800, 1000],
    ]);
    for (const x of w) expect(x.inSample.to).toBe(x.outOfSample.from);
  });

  it('anchors the in-sample start and grows it', () => {
    const w = planWindows({
      data: { from: 0, to: 1000 * M },
      timeframeMs: M,
      settings: { mode: 'anchored', inSampleCandles: 400, outOfSampleCandles: 300 },
    });
    expect(w.map((x) => [x.inSample.from, x.inSample.to / M, x.outOfSample.to / M])).toEqual([
      [0, 400, 700],
      [0, 700, 1000],
    ]);
  });

  it('refuses data shorter than one window', () => {
    expect(() =>
      planWindows({
        data: { from: 0, to: 500 * M },
        timeframeMs: M,
        settings: { mode: 'rolling', inSampleCandles: 400, outOfSampleCandles: 200 },
      }),
    ).toThrow(/shorter than one/);
  });
});

describe('choosing and reporting', () => {
  it('takes the best value in the statistic’s direction, ties to the lowest index', () => {
    const ts = [trial(2, 1), trial(0, 3), trial(1, 3), trial(3, null)];
    expect(bestTrial(ts, 'sharpe')?.trial.paramsIndex).toBe(0);
    expect(bestTrial(ts, 'maxDrawdownPct')?.trial.paramsIndex).toBe(2);
    expect(bestTrial([trial(0, null), trial(1, 5, { status: 'failed' })], 'sharpe')).toBeNull();
  });

  it('reports degradation as worse-out-of-sample positive, and efficiency', () => {
    const window = { index: 0, inSample: { from: 0, to: M }, outOfSample: { from: M, to: 2 * M } };
    const r = windowReport({
      window,
      statistic: 'totalReturnPct',
      inSampleTrials: [trial(0, 10), trial(1, 4)],
      inSampleExpected: 2,
      oos: trial(0, 2.5),
    });
    expect(r).toMatchObject({ status: 'done', inSampleObjective: 10, outOfSampleObjective: 2.5 });
    expect(r.degradation).toBe(7.5);
    expect(r.efficiency).toBe(0.25);
    const pending = windowReport({
      window,
      statistic: 'totalReturnPct',
      inSampleTrials: [trial(0, 10)],
      inSampleExpected: 2,
      oos: null,
    });
    expect(pending.status).toBe('pending');
  });

  it('stitches the windows by compounding their returns', () => {
    const s = stitch({
      capital: 100,
      windows: [
        {
          curve: [
            { at: 'a', equity: 100 },
            { at: 'b', equity: 110 },
          ],
          trades: 2,
          returnPct: 10,
        },
        {
          curve: [
            { at: 'c', equity: 100 },
            { at: 'd', equity: 90 },
          ],
          trades: 1,
          returnPct: -10,
        },
      ],
    });
    expect(s.returnPct).toBeCloseTo(-1, 10);
    expect(s.trades).toBe(3);
    expect(s.equityCurve.map((p) => Math.round(p.equity * 1e9) / 1e9)).toEqual([100, 110, 110, 99]);
    expect(s.maxDrawdownPct).toBeCloseTo(10, 10);
  });
});
