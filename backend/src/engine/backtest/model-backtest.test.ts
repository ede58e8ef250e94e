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

const btc = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === 'BTC-USD');
if (!btc) throw new Error('no BTC-USD');

const FEATURES: FeatureId[] = ['ret_1', 'ret_5', 'rsi_14', 'dist_sma_20', 'channel_pos_20'];
const slice = (c: BarColumns, from: number, to: number): BarColumns => ({
  ...c,
  time: c.time.slice(from, to),
  open: c.open.slice(from, to),
  high: c.high.slice(from, to),
  low: c.low.slice(from, to),
  close: c.close.slice(from, to),
  volume: c.volume.slice(from, to),
});

/**
 * A model strategy end to end in the backtest: trained on one stretch of candles, traded on the
 * next. Every entry's decision carries the version, p above the threshold and contributions that
 * add up to the log-odds; the kill switch stops entries from the next candle and leaves exits.
 */
describe('a model strategy in a backtest', () => {
  const all = generateBarColumns({
    seed: 17,
    instrument: btc,
    timeframe: '1m',
    count: 40_000,
    startTime: Date.UTC(2025, 0, 6),
  });
  const model = trainModel(
    slice(all, 0, 20_000),
    TrainingSettings.parse({ features: FEATURES, horizon: 5, model: { kind: 'logistic' } }),
  );
  const traded = slice(all, 20_000, 40_000);
  const params = ModelStrategyParams.parse({
    modelVersion: 'm-test-1',
    enterAbove: 0.505,
    exitBelow: 0.495,
    // Not a drift test: the simulated volatility moves this short window past any usual bound.
    driftPsiMax: 100,
  });
  // Candles replayed so far. During candle i the strategy reads the lookup with done = i, and the
  // gate (after the feed moved on) with done = i + 1.
  let done = 0;
  const run = (state: () => ModelVersionState) =>
    paperBacktest({
      equityEvery: 1,
      onProgress: (n) => {
        done = n;
      },
      series: [traded],
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
      models: { model: (v) => (v === params.modelVersion ? state() : undefined) },
    });

  it('explains every entry and decides the same twice', async () => {
    const state: ModelVersionState = {
      version: 'm-test-1',
      tenantId: 'backtest',
      model,
      disabledReason: null,
      approvedAt: null,
    };
    const a = await run(() => state);
    const b = await run(() => state);
    const decisions = a.journal?.tables('backtest').decisions ?? [];
    const entries = decisions.filter((d) => d.action === 'ENTER');
    expect(entries.length).toBeGreaterThan(5);
    for (const d of entries) {
      expect(d.inputs.model).toBe('m-test-1');
      const p = d.inputs.p as number;
      expect(p).toBeGreaterThan(params.enterAbove);
      let logOdds = d.inputs.base as number;
      for (const f of FEATURES) logOdds += d.inputs[`contribution.${f}`] as number;
      expect(logOdds).toBeCloseTo(Math.log(p / (1 - p)), 9);
    }
    expect(b.journal?.tables('backtest').decisions).toEqual(decisions);
  });

  it('the kill switch takes away entries from the next candle, never exits', async () => {
    const live: ModelVersionState = {
      version: 'm-test-1',
      tenantId: 'backtest',
      model,
      disabledReason: null,
      approvedAt: null,
    };
    const killed: ModelVersionState = { ...live, disabledReason: 'drift past the bound' };
    const index = (iso: string) => (Date.parse(iso) - (traded.time[0] as number)) / 60_000;
    // Switch off on the candle after an entry past the middle, so a position is open at the switch.
    const reference = (await run(() => live)).journal?.tables('backtest').decisions ?? [];
    const entry = reference.find((d) => d.action === 'ENTER' && index(d.candleTime) > 10_000);
    const KILL_AT = index(entry?.candleTime ?? '') + 1;
    // The controls' model layer reads the switch as on from candle KILL_AT.
    const res = await run(() => (done >= KILL_AT + 1 ? killed : live));
    const decisions = res.journal?.tables('backtest').decisions ?? [];
    const before = decisions.filter((d) => index(d.candleTime) < KILL_AT);
    const after = decisions.filter((d) => index(d.candleTime) >= KILL_AT);
    expect(before.some((d) => d.action === 'ENTER')).toBe(true);
    expect(after.filter((d) => d.action === 'ENTER')).toEqual([]);
    // Its entries are refused by the model layer, which names itself on each refusal.
    const refused = after.filter((d) => d.controlReasons.includes('MODEL_DISABLED'));
    expect(refused.length).toBeGreaterThan(0);
    // The position open at the switch is still closed by the model's own exit.
    expect(after.some((d) => d.action === 'EXIT')).toBe(true);
  });
});
