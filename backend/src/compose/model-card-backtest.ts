import {
  BacktestSettings,
  DEFAULT_RISK_LIMITS,
  type Instrument,
  ModelStrategyParams,
  type TradingProfile,
} from '@bytelyst/trading-contracts';
import { sliceBarsByTime } from '../adapters/market/bar-range.js';
import { downsampleMinMax } from '../domain/portfolio/downsample.js';
import type { ModelVersionState } from '../domain/strategies/model-strategy.js';
import type { ModelCardBacktester } from '../ports/model-versions.js';
import { paperBacktest, runStatistics } from './paper-backtest.js';

/** The card's run: capital and default costs of a new backtest, the model's own cut as entry. */
const CARD_CAPITAL = '10000';
const CARD_VERSION = 'card';

/**
 * The model card's out-of-sample backtest: the test stretch only (no candle the model was
 * trained on), next-open fills and the default fee and slippage of a new run, one profile of
 * the model strategy with its default thresholds. Deterministic: the same version gives the
 * same card.
 */
export function modelCardBacktester(instruments: readonly Instrument[]): ModelCardBacktester {
  return async ({ cols, fromIndex, model }) => {
    const { symbol, timeframe } = cols;
    const instrument = instruments.find((i) => i.symbol === symbol);
    if (!instrument) throw new Error(`unknown symbol ${symbol}`);
    const series = sliceBarsByTime(cols, { from: cols.time[fromIndex] ?? Infinity, to: null });
    const run = BacktestSettings.parse({});
    const at = new Date(series.time[0] ?? 0).toISOString();
    const profile: TradingProfile = {
      id: 'model-card',
      tenantId: 'backtest',
      userId: 'model-card',
      name: 'Model card',
      symbols: [symbol],
      timeframe: timeframe,
      strategy: {
        strategy: 'model',
        params: ModelStrategyParams.parse({ modelVersion: CARD_VERSION }),
      },
      capitalAllocation: CARD_CAPITAL,
      venueAccountId: null,
      rampUp: null,
      risk: DEFAULT_RISK_LIMITS,
      enabled: true,
      mode: 'RUNNING',
      blockedReason: null,
      version: 0,
      createdAt: at,
      updatedAt: at,
    };
    const state: ModelVersionState = {
      version: CARD_VERSION,
      tenantId: 'backtest',
      model,
      disabledReason: null,
      approvedAt: null,
    };
    const result = await paperBacktest({
      series: [series],
      instruments: [instrument],
      profiles: [profile],
      persistence: 'off',
      settings: { run, capital: CARD_CAPITAL },
      models: { model: (v) => (v === CARD_VERSION ? state : undefined) },
    });
    const equity = downsampleMinMax(result.equitySeries.times, result.equitySeries.equity, 400);
    return {
      from: at,
      candles: series.time.length,
      capital: CARD_CAPITAL,
      statistics: runStatistics(result, {
        series,
        capital: CARD_CAPITAL,
        timeframe: timeframe,
        riskFreeRate: run.riskFreeRate,
      }),
      equity: equity.map((p) => ({ at: p.at, equity: p.value })),
    };
  };
}
