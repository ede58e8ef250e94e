import type { BacktestStatistics } from '@bytelyst/trading-contracts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BacktestStatisticsTable, formatDuration } from './backtest-statistics';

const stats: BacktestStatistics = {
  totalReturnPct: 8.9,
  annualReturnPct: 12.5,
  annualVolatilityPct: 30,
  riskFreeRate: 0.04,
  sharpe: 1.234,
  sortino: null,
  calmar: 2,
  maxDrawdown: {
    pct: 10,
    amount: 11,
    peakAt: '2026-01-02T00:00:00.000Z',
    troughAt: '2026-01-03T00:00:00.000Z',
    recoveredAt: null,
    durationMs: 2 * 86_400_000,
    recoveryMs: null,
  },
  trades: 4,
  winRate: 0.5,
  profitFactor: 2,
  expectancy: 3.75,
  avgWin: 15,
  avgLoss: -7.5,
  bestTrade: 20,
  worstTrade: -10,
  totalFees: '4',
  totalSlippage: '0.5',
  exposurePct: 66.7,
  avgTradeDurationMs: 5 * 3_600_000,
  tradesPerDay: 1.3333,
  buyAndHoldReturnPct: 20,
  refusedEntries: { INSUFFICIENT_CAPITAL: 2, UNFILLED_AT_END: 1 },
};

describe('backtest statistics table', () => {
  afterEach(cleanup);

  it('shows every figure, nulls as a dash and an open drawdown as not recovered', () => {
    render(<BacktestStatisticsTable s={stats} />);
    const row = (name: string) => screen.getByRole('rowheader', { name }).nextSibling?.textContent;
    expect(row('Sharpe (risk-free 4.00%)')).toBe('1.23');
    expect(row('Sortino')).toBe('—');
    expect(row('Profit factor')).toBe('2.00');
    expect(row('Recovery')).toBe('not recovered');
    expect(row('Drawdown duration')).toBe('2 d 0 h');
    expect(row('Refused entries')).toBe('INSUFFICIENT_CAPITAL 2, UNFILLED_AT_END 1');
    expect(row('Buy and hold')).toBe('+20.00%');
  });

  it('formats durations for their size', () => {
    expect(formatDuration(25 * 60_000)).toBe('25 min');
    expect(formatDuration(5 * 3_600_000)).toBe('5 h 0 min');
    expect(formatDuration(null)).toBe('—');
  });
});
