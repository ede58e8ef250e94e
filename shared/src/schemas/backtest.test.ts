import { describe, expect, it } from 'vitest';
import { BacktestJob, BacktestRequest, BacktestSettings } from './backtest.js';

const base = {
  strategy: { strategy: 'sma-cross', params: { fastPeriod: 5, slowPeriod: 20, kind: 'sma' } },
  symbol: 'BTC-USD',
};

describe('backtest settings', () => {
  it('defaults a new run to next-open fills, stated in full', () => {
    expect(BacktestRequest.parse(base).settings).toEqual({
      fillRule: 'next_open',
      feeRate: '0.001',
      slippage: { kind: 'fixed_bps', bps: 2 },
      sizing: { mode: 'limits' },
      from: null,
      to: null,
      riskFreeRate: 0,
    });
  });

  it('refuses settings outside their bounds and unknown fields', () => {
    const bad = (settings: unknown) =>
      BacktestRequest.safeParse({ ...base, settings }).success === false;
    expect(bad({ fillRule: 'next_close' })).toBe(true);
    expect(bad({ feeRate: '0.5' })).toBe(true);
    expect(bad({ feeRate: '1' })).toBe(true);
    expect(bad({ slippage: { kind: 'fixed_bps', bps: 2.5 } })).toBe(true);
    expect(bad({ slippage: { kind: 'range_bps', bps: 10_001 } })).toBe(true);
    expect(bad({ sizing: { mode: 'percent_cash', percent: '0' } })).toBe(true);
    expect(bad({ sizing: { mode: 'percent_cash', percent: '100.5' } })).toBe(true);
    expect(bad({ sizing: { mode: 'fixed_notional', notional: '0' } })).toBe(true);
    expect(bad({ from: '2026-01-05 10:00' })).toBe(true);
    expect(bad({ leverage: 2 })).toBe(true);
    expect(bad({ sizing: { mode: 'percent_equity', percent: '12.5' } })).toBe(false);
  });

  it('reads back a job stored before settings existed, without inventing them', () => {
    const job = {
      id: 'j1',
      tenantId: 't1',
      userId: 'u1',
      request: { ...base, timeframe: '1m', candles: 1000, seed: 1, capital: '10000' },
      status: 'done',
      progress: 1,
      error: null,
      createdAt: '2026-01-05T00:00:00.000Z',
      startedAt: null,
      finishedAt: null,
      summary: null,
      equityCurve: [],
      trades: [],
      prices: [],
    };
    expect(BacktestJob.parse(job).request.settings).toBeUndefined();
    expect(BacktestSettings.parse({}).fillRule).toBe('next_open');
  });
});
