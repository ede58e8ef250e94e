import type { Trade } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { type StatisticsInput, backtestStatistics } from './backtest-statistics.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

const trade = (netPnl: number, hours: number): Trade => ({
  id: `t${netPnl}`,
  tenantId: 't',
  profileId: 'p',
  symbol: 'BTC-USD',
  side: 'LONG',
  quantity: '1',
  entryPrice: '100',
  exitPrice: '100',
  realizedPnl: String(netPnl + 1),
  fees: '1',
  netPnl: String(netPnl),
  openedAt: new Date(T0).toISOString(),
  closedAt: new Date(T0 + hours * 3_600_000).toISOString(),
  entryDecisionId: null,
  exitDecisionId: null,
  exitReason: 'strategy',
  strategy: 'sma-cross',
});

/** Daily candles: equity 100 -> 110 -> 99 -> 108.9, returns +10 %, -10 %, +10 %. */
const input = (o: Partial<StatisticsInput> = {}): StatisticsInput => ({
  startEquity: 100,
  times: [T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY],
  equity: [110, 99, 108.9],
  periodMs: DAY,
  riskFreeRate: 0,
  trades: [trade(10, 2), trade(-5, 4), trade(20, 6), trade(-10, 8)],
  exposedCandles: 2,
  fees: '4',
  slippage: '0.5',
  firstOpen: 50,
  lastClose: 60,
  refusedEntries: { INSUFFICIENT_CAPITAL: 2 },
  ...o,
});

describe('backtest statistics, against hand-computed values', () => {
  it('Sharpe and Sortino from per-candle returns, annualised over 365 days', () => {
    const s = backtestStatistics(input());
    // mean 1/30, sample sd sqrt(0.04/3) = 0.11547, downside sqrt(0.01/3) = 0.057735; x sqrt(365).
    expect(s.sharpe).toBeCloseTo(5.51513, 4);
    expect(s.sortino).toBeCloseTo(11.03026, 4);
    expect(s.annualVolatilityPct).toBeCloseTo(220.60523, 3);
    expect(s.totalReturnPct).toBeCloseTo(8.9, 10);
    // A 5 % risk-free rate is 1.05^(1/365) - 1 = 0.000133681 a day, off the mean.
    expect(backtestStatistics(input({ riskFreeRate: 0.05 })).sharpe).toBeCloseTo(5.49301, 4);
  });

  it('max drawdown with its duration, open while never recovered', () => {
    const d = backtestStatistics(input()).maxDrawdown;
    expect(d.pct).toBeCloseTo(10, 10);
    expect(d.amount).toBeCloseTo(11, 10);
    expect(d.peakAt).toBe(new Date(T0 + DAY).toISOString());
    expect(d.troughAt).toBe(new Date(T0 + 2 * DAY).toISOString());
    expect(d.recoveredAt).toBeNull();
    // Peak to the end of the data.
    expect(d.durationMs).toBe(2 * DAY);
    expect(d.recoveryMs).toBeNull();
    const r = backtestStatistics(input({ equity: [110, 99, 120] })).maxDrawdown;
    expect(r.recoveredAt).toBe(new Date(T0 + 3 * DAY).toISOString());
    expect(r.durationMs).toBe(2 * DAY);
    expect(r.recoveryMs).toBe(DAY);
  });

  it('Calmar is the annual return over the max drawdown', () => {
    const s = backtestStatistics(input());
    // 1.089^(365/3) - 1 = 31992.2753 (a 3-day run annualised), over 0.10.
    expect(s.annualReturnPct).toBeCloseTo(3_199_227.53, 0);
    expect(s.calmar).toBeCloseTo(319_922.753, 1);
  });

  it('profit factor, expectancy and the rest of the trade figures, net of fees', () => {
    const s = backtestStatistics(input());
    expect(s.profitFactor).toBe(2); // (10 + 20) / (5 + 10)
    expect(s.expectancy).toBe(3.75);
    expect(s.winRate).toBe(0.5);
    expect(s.avgWin).toBe(15);
    expect(s.avgLoss).toBe(-7.5);
    expect(s.bestTrade).toBe(20);
    expect(s.worstTrade).toBe(-10);
    expect(s.avgTradeDurationMs).toBe(5 * 3_600_000);
    expect(s.tradesPerDay).toBeCloseTo(4 / 3, 10);
    expect(s.exposurePct).toBeCloseTo(200 / 3, 10);
    expect(s.buyAndHoldReturnPct).toBeCloseTo(20, 10);
    expect(s.refusedEntries).toEqual({ INSUFFICIENT_CAPITAL: 2 });
  });

  it('answers null, not infinity, where a ratio has nothing to divide by', () => {
    const flat = backtestStatistics(input({ equity: [100, 100, 100], trades: [trade(3, 1)] }));
    expect(flat.sharpe).toBeNull();
    expect(flat.sortino).toBeNull();
    expect(flat.calmar).toBeNull();
    expect(flat.profitFactor).toBeNull();
    expect(flat.maxDrawdown.pct).toBe(0);
    const empty = backtestStatistics(input({ equity: [], times: [], trades: [] }));
    expect(empty.totalReturnPct).toBe(0);
    expect(empty.winRate).toBeNull();
    expect(empty.annualReturnPct).toBeNull();
  });
});
