/**
 * Runs backtests off the main thread (a million candles is seconds of CPU that must not stall
 * the API and the live loop), one at a time as the service sends them, posting progress as it
 * goes and the summary at the end. The thread stays for the next job: starting one costs ~0.4 s
 * of module loading, and a warm thread runs the engine's already-compiled code.
 */
import { parentPort } from 'node:worker_threads';
import {
  DEFAULT_RISK_LIMITS,
  TIMEFRAME_MS,
  type Alert,
  type BacktestRequest,
  type BacktestSummary,
  type TradingProfile,
} from '@bytelyst/trading-contracts';
import { sliceBarsByTime } from '../../adapters/market/bar-range.js';
import { generateBarColumns } from '../../adapters/market/generate-bars.js';
import {
  DEFAULT_SIM_INSTRUMENTS,
  toContractInstrument,
} from '../../adapters/market/instruments.js';
import { paperBacktest } from '../../compose/paper-backtest.js';
import { tradeStats } from '../../domain/portfolio/analytics.js';
import { backtestStatistics } from '../../domain/portfolio/backtest-statistics.js';
import { downsampleMinMax } from '../../domain/portfolio/downsample.js';
import { MAX_DRAWDOWN_HALT_ALERT } from '../../engine/drawdown-halt.js';
import type { BacktestWorkerCommand, BacktestWorkerMessage } from './backtest-messages.js';

/** Simulated history starts here, so the same request always replays the same candles. */
const HISTORY_START = Date.UTC(2022, 0, 3);

const post = (m: BacktestWorkerMessage) => parentPort?.postMessage(m);

/** The first halt a risk rule put on the profile, if any. */
const haltOf = (alerts: readonly Alert[]): BacktestSummary['halt'] => {
  const a = alerts.find((x) => x.code === MAX_DRAWDOWN_HALT_ALERT);
  return a ? { at: a.createdAt, code: a.code, message: a.message } : null;
};

async function run(req: BacktestRequest): Promise<void> {
  const sim = DEFAULT_SIM_INSTRUMENTS.find((i) => i.symbol === req.symbol);
  if (!sim) throw new Error(`unknown symbol ${req.symbol}`);
  const settings = req.settings;
  const series = sliceBarsByTime(
    generateBarColumns({
      seed: req.seed,
      instrument: sim,
      timeframe: req.timeframe,
      count: req.candles,
      startTime: HISTORY_START,
    }),
    {
      from: settings.from === null ? null : Date.parse(settings.from),
      to: settings.to === null ? null : Date.parse(settings.to),
    },
  );
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
    equityEvery: every,
    onProgress: (n) => {
      const t = performance.now();
      if (t - lastPost > 100) {
        lastPost = t;
        post({ kind: 'progress', progress: n / candles });
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
    statistics: backtestStatistics({
      startEquity: start,
      times: result.equitySeries.times,
      equity: result.equitySeries.equity,
      periodMs: TIMEFRAME_MS[req.timeframe],
      riskFreeRate: settings.riskFreeRate,
      trades: result.trades,
      exposedCandles: result.exposedCandles,
      fees: result.costs.fees,
      slippage: result.costs.slippage,
      firstOpen: series.open[0] ?? 0,
      lastClose: series.close[candles - 1] ?? 0,
      refusedEntries: refusedEntries(result),
    }),
  };
  const priceStep = Math.max(1, Math.ceil(candles / 1000));
  const prices: { at: string; close: number }[] = [];
  for (let i = 0; i < candles; i += priceStep) {
    prices.push({ at: new Date(series.time[i] ?? 0).toISOString(), close: series.close[i] ?? 0 });
  }
  post({
    kind: 'done',
    summary,
    // Every candle's equity, cut to 500 points keeping each bucket's low and high.
    equityCurve: downsampleMinMax(result.equitySeries.times, result.equitySeries.equity, 500).map(
      (p) => ({ at: new Date(p.at).toISOString(), equity: p.value }),
    ),
    trades: result.trades.slice(-200),
    prices: prices.slice(0, 1000),
  });
}

/** Entries refused by the gate, by the venue at the fill, and orders the data ended before. */
function refusedEntries(r: Awaited<ReturnType<typeof paperBacktest>>): Record<string, number> {
  const out: Record<string, number> = { ...r.stats.refusedEntries };
  for (const [k, v] of Object.entries(r.costs.refusedAtFill)) out[k] = (out[k] ?? 0) + v;
  if (r.unfilledAtEnd > 0) out.UNFILLED_AT_END = r.unfilledAtEnd;
  return out;
}

parentPort?.on('message', (m: BacktestWorkerCommand) => {
  if (m.kind !== 'run') return;
  run(m.request).catch((e: unknown) =>
    post({ kind: 'failed', error: e instanceof Error ? e.message : String(e) }),
  );
});
