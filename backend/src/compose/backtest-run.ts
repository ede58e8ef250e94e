/**
 * One backtest of a request over a series: the live pipeline on a simulated clock, the summary
 * with full statistics, the kept equity curve, the last trades and chart prices. Pure CPU: the
 * backtest worker runs it on a thread; a parameter search's trials run it the same way.
 */
import {
  DEFAULT_RISK_LIMITS,
  type Alert,
  type BacktestRequest,
  type BacktestSummary,
  type TradingProfile,
} from '@bytelyst/trading-contracts';
import { sliceBarsByTime } from '../adapters/market/bar-range.js';
import { generateBarColumns } from '../adapters/market/generate-bars.js';
import {
  DEFAULT_SIM_INSTRUMENTS,
  toContractInstrument,
  type SimInstrument,
} from '../adapters/market/instruments.js';
import { paperBacktest, runStatistics } from './paper-backtest.js';
import type {
  BacktestOutput,
  FullBacktestResults,
} from '../services/backtest/backtest-messages.js';
import { tradeStats } from '../domain/portfolio/analytics.js';
import type { TrainedModel } from '../domain/models/model.js';
import {
  type ModelLookup,
  type ModelVersionState,
  NO_MODELS,
} from '../domain/strategies/model-strategy.js';
import { downsampleMinMax } from '../domain/portfolio/downsample.js';
import { equityChanges } from '../domain/portfolio/equity-changes.js';
import { MAX_DRAWDOWN_HALT_ALERT } from '../engine/drawdown-halt.js';
import type { BarColumns } from '../ports/market-data.js';

/** Simulated history starts here, so the same request always replays the same candles. */
export const HISTORY_START = Date.UTC(2022, 0, 3);

/** The first halt a risk rule put on the profile, if any. */
const haltOf = (alerts: readonly Alert[]): BacktestSummary['halt'] => {
  const a = alerts.find((x) => x.code === MAX_DRAWDOWN_HALT_ALERT);
  return a ? { at: a.createdAt, code: a.code, message: a.message } : null;
};

/** The one model a model strategy's job carries, as the engine's lookup (tenant `backtest`). */
const modelsOf = (req: BacktestRequest, model: TrainedModel | undefined): ModelLookup => {
  if (req.strategy.strategy !== 'model' || !model) return NO_MODELS;
  const state: ModelVersionState = {
    version: req.strategy.params.modelVersion,
    tenantId: 'backtest',
    model,
    // A backtest replays the model as trained: the kill switch and approval are live controls.
    disabledReason: null,
    approvedAt: null,
  };
  return { model: (v) => (v === state.version ? state : undefined) };
};

export function simInstrumentOf(symbol: string): SimInstrument {
  const sim = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === symbol);
  if (!sim) throw new Error(`unknown symbol ${symbol}`);
  return sim;
}

/** The request's simulated history: `candles` candles from HISTORY_START, seeded. */
export function simulatedSeries(req: BacktestRequest): BarColumns {
  return generateBarColumns({
    seed: req.seed,
    instrument: simInstrumentOf(req.symbol),
    timeframe: req.timeframe,
    count: req.candles,
    startTime: HISTORY_START,
  });
}

/** A run's output with its full trade list and curve (what a job stores beside its row). */
export type BacktestRun = BacktestOutput & { full: FullBacktestResults };

/**
 * Runs `req` over `history`, of which only the candles inside the settings' `from`/`to` are
 * replayed (a walk-forward window is exactly such a range).
 */
export async function runBacktest(
  req: BacktestRequest,
  history: BarColumns,
  onProgress?: (fraction: number) => void,
  model?: TrainedModel,
): Promise<BacktestRun> {
  const sim = simInstrumentOf(req.symbol);
  const settings = req.settings;
  const series = sliceBarsByTime(history, {
    from: settings.from === null ? null : Date.parse(settings.from),
    to: settings.to === null ? null : Date.parse(settings.to),
  });
  const candles = series.time.length;
  if (candles === 0) throw new Error('no candles in the date range');
  const now = new Date(HISTORY_START).toISOString();
  const profile: TradingProfile = {
    id: 'backtest-profile',
    tenantId: 'backtest',
    userId: 'backtest-user',
    name: 'Backtest',
    symbols: [req.symbol],
    timeframe: req.timeframe,
    strategy: req.strategy,
    capitalAllocation: req.capital,
    risk: req.risk ?? DEFAULT_RISK_LIMITS,
    enabled: true,
    venueAccountId: null,
    rampUp: null,
    mode: 'RUNNING',
    blockedReason: null,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
  const every = Math.max(1, Math.floor(candles / 400));
  let lastPost = 0;
  const t0 = performance.now();
  const result = await paperBacktest({
    series: [series],
    instruments: [toContractInstrument(sim)],
    profiles: [profile],
    // Nothing of a backtest is stored, and persistence off decides exactly like persistence on
    // (runner.test.ts): only the records nobody reads are skipped.
    persistence: 'off',
    settings: { run: settings, capital: req.capital },
    models: modelsOf(req, model),
    equityEvery: every,
    onProgress: (n) => {
      const t = performance.now();
      if (onProgress && t - lastPost > 100) {
        lastPost = t;
        onProgress(n / candles);
      }
    },
  });
  const elapsedMs = performance.now() - t0;
  const start = Number(req.capital);
  const end = Object.values(result.finalEquity).reduce((a, v) => a + Number(v), 0);
  // Drawdown over every candle's equity (the curve below is sampled for the chart only); win
  // rate and the rest net of fees, as the live analytics compute them.
  const dd = result.drawdown;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const net = tradeStats(result.trades);
  const summary: BacktestSummary = {
    candles,
    trades: result.trades.length,
    winRate: net.winRate,
    net,
    maxDrawdown: {
      peakAt: iso(dd.worstPeakAt),
      troughAt: iso(dd.troughAt),
      recoveredAt: iso(dd.recoveredAt),
    },
    startEquity: req.capital,
    endEquity: Object.values(result.finalEquity)[0] ?? req.capital,
    returnPct: start > 0 ? ((end - start) / start) * 100 : 0,
    maxDrawdownPct: dd.pct * 100,
    decisions: { ...result.stats.decisions },
    candlesPerSecond: elapsedMs > 0 ? (candles / elapsedMs) * 1000 : 0,
    elapsedMs,
    halt: haltOf(result.alerts),
    unfilledAtEnd: result.unfilledAtEnd,
    statistics: runStatistics(result, {
      series,
      capital: req.capital,
      timeframe: req.timeframe,
      riskFreeRate: settings.riskFreeRate,
    }),
  };
  const priceStep = Math.max(1, Math.ceil(candles / 1000));
  const prices: { at: string; close: number }[] = [];
  for (let i = 0; i < candles; i += priceStep) {
    prices.push({ at: new Date(series.time[i] ?? 0).toISOString(), close: series.close[i] ?? 0 });
  }
  return {
    summary,
    // Every candle's equity, cut to 500 points keeping each bucket's low and high.
    equityCurve: downsampleMinMax(result.equitySeries.times, result.equitySeries.equity, 500).map(
      (p) => ({ at: new Date(p.at).toISOString(), equity: p.value }),
    ),
    trades: result.trades.slice(-200),
    prices: prices.slice(0, 1000),
    full: {
      trades: result.trades,
      curve: equityChanges(result.equitySeries.times, result.equitySeries.equity),
    },
  };
}
