import { type FeatureId, ModelStrategyParams, TrainingSettings } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { generateBarColumns } from '../../adapters/market/generate-bars.js';
import {
  DEFAULT_SIM_INSTRUMENTS,
  toContractInstrument,
} from '../../adapters/market/instruments.js';
import { makeProfile } from '../../../test-support/engine/fixtures.js';
import { paperBacktest } from '../../compose/paper-backtest.js';
import { trainModel } from '../../domain/models/model.js';
import type { ModelVersionState } from '../../domain/strategies/model-strategy.js';
import type { BarColumns } from '../../ports/market-data.js';
import { MODEL_DRIFT_ALERT } from '../model-drift.js';

const btc = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === 'BTC-USD');
if (!btc) throw new Error('no BTC-USD');
const FEATURES: FeatureId[] = ['ret_1', 'ret_5', 'rsi_14', 'channel_pos_20'];
const SHIFT_AT = 3_000;

/** The same candles, with every move after `SHIFT_AT` made eight times larger (a new regime). */
function amplified(c: BarColumns): BarColumns {
  const base = c.close[SHIFT_AT - 1] as number;
  const scale = (v: number) => base * Math.pow(v / base, 8);
  const map = (a: Float64Array) => a.map((v, i) => (i < SHIFT_AT ? v : scale(v)));
  const high = map(c.high);
  const low = map(c.low);
  // Past the shift a scaled low can sit above a scaled high when prices are below the base.
  return {
    ...c,
    open: map(c.open),
    high: high.map((h, i) => Math.max(h, low[i] as number)),
    low: low.map((l, i) => Math.min(l, high[i] as number)),
    close: map(c.close),
  };
}

describe('a model strategy whose inputs drift', () => {
  const all = generateBarColumns({
    seed: 23,
    instrument: btc,
    timeframe: '1m',
    count: 26_000,
    startTime: Date.UTC(2025, 0, 6),
  });
  const slice = (from: number, to: number): BarColumns => ({
    ...all,
    time: all.time.slice(from, to),
    open: all.open.slice(from, to),
    high: all.high.slice(from, to),
    low: all.low.slice(from, to),
    close: all.close.slice(from, to),
    volume: all.volume.slice(from, to),
  });
  const model = trainModel(
    slice(0, 20_000),
    TrainingSettings.parse({ features: FEATURES, horizon: 5, model: { kind: 'logistic' } }),
  );
  const state: ModelVersionState = {
    version: 'm-drift',
    tenantId: 'backtest',
    model,
    disabledReason: null,
    approvedAt: null,
  };
  const params = ModelStrategyParams.parse({
    modelVersion: 'm-drift',
    enterAbove: 0.5,
    exitBelow: 0.5,
    driftWindow: 500,
    driftPsiMax: 1,
  });

  it('stops entries once past the bound and raises one alert with the figures', async () => {
    const res = await paperBacktest({
      series: [amplified(slice(20_000, 26_000))],
      instruments: [toContractInstrument(btc)],
      profiles: [
        makeProfile({
          id: 'ml',
          tenantId: 'backtest',
          strategy: { strategy: 'model', params },
          capital: '10000',
        }),
      ],
      persistence: 'memory',
      models: { model: (v) => (v === 'm-drift' ? state : undefined) },
    });
    const drift = res.alerts.filter((a) => a.code === MODEL_DRIFT_ALERT);
    expect(drift).toHaveLength(1);
    const alert = drift[0];
    expect(alert?.kind).toBe('model_drift');
    expect(alert?.message).toMatch(/PSI \d+\.\d{3} on \w+ > 1 over the last 500 candles/);
    const at = Date.parse(alert?.createdAt ?? '');
    // Not before the shift: the unshifted stretch trades (the window must fill past it first).
    expect(at).toBeGreaterThan((all.time[20_000 + SHIFT_AT] as number) - 1);
    const decisions = res.journal?.tables('backtest').decisions ?? [];
    const before = decisions.filter((d) => Date.parse(d.candleTime) < at);
    const after = decisions.filter((d) => Date.parse(d.candleTime) >= at);
    expect(before.some((d) => d.action === 'ENTER')).toBe(true);
    expect(after.filter((d) => d.action === 'ENTER')).toEqual([]);
    expect(after.some((d) => d.controlReasons.includes('MODEL_DRIFT'))).toBe(true);
  });
});
