import type { Trade } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { formatPercent, historySpan, isActive, linePoints, tradeMarkers } from './backtest-view';

const trade = (over: Partial<Trade>): Trade => ({
  id: 't1',
  tenantId: 'tenant',
  profileId: 'profile',
  symbol: 'BTC-USD',
  side: 'LONG',
  quantity: '0.1',
  entryPrice: '100',
  exitPrice: '110',
  realizedPnl: '1',
  fees: '0',
  netPnl: '1',
  openedAt: '2026-01-01T00:02:30.000Z',
  closedAt: '2026-01-01T00:09:00.000Z',
  entryDecisionId: null,
  exitDecisionId: null,
  exitReason: 'signal',
  strategy: 'sma-cross',
  ...over,
});

describe('historySpan', () => {
  it('says how much history a request covers in words a trader reads', () => {
    expect(historySpan({ candles: 100_000, timeframe: '1m' })).toBe(
      '100,000 one-minute candles ≈ 69 days',
    );
    expect(historySpan({ candles: 2_000_000, timeframe: '1m' })).toBe(
      '2,000,000 one-minute candles ≈ 3.8 years',
    );
    expect(historySpan({ candles: 600, timeframe: '1m' })).toBe(
      '600 one-minute candles ≈ 10 hours',
    );
    expect(historySpan({ candles: 1000, timeframe: '1d' })).toBe('1,000 daily candles ≈ 2.7 years');
  });
});

describe('formatPercent', () => {
  it('formats values already in percent, with a sign on request and no negative zero', () => {
    expect(formatPercent(12.345, true)).toBe('+12.35%');
    expect(formatPercent(-3.2, true)).toBe('−3.20%');
    expect(formatPercent(-0.0001, true)).toBe('0.00%');
    expect(formatPercent(7)).toBe('7.00%');
  });
});

describe('isActive', () => {
  it('is true only while the job can still change', () => {
    expect(
      ['queued', 'running', 'done', 'failed'].map((s) => isActive({ status: s as never })),
    ).toEqual([true, true, false, false]);
    expect(isActive(undefined)).toBe(false);
  });
});

describe('linePoints', () => {
  it('orders points by second and keeps the last of a repeated second', () => {
    const pts = linePoints(
      [
        { at: '2026-01-01T00:01:00.000Z', v: 2 },
        { at: '2026-01-01T00:00:00.000Z', v: 1 },
        { at: '2026-01-01T00:01:00.400Z', v: 3 },
      ],
      (r) => r.v,
    );
    expect(pts.map((p) => p.value)).toEqual([1, 3]);
    expect(pts[0]?.time).toBeLessThan(pts[1]?.time ?? 0);
  });
});

describe('tradeMarkers', () => {
  const points = linePoints(
    [0, 5, 10].map((m) => ({ at: `2026-01-01T00:${String(m).padStart(2, '0')}:00.000Z` })),
    () => 100,
  );

  it('puts a green entry and a red exit at the trade prices, snapped to sampled points', () => {
    const [entry, exit] = tradeMarkers({ points, trades: [trade({})] });
    expect(entry).toMatchObject({
      time: points[0]?.time,
      price: 100,
      color: '#22c55e',
      shape: 'arrowUp',
      position: 'atPriceBottom',
    });
    expect(exit).toMatchObject({
      time: points[1]?.time,
      price: 110,
      color: '#ef4444',
      shape: 'arrowDown',
      position: 'atPriceTop',
    });
  });

  it('mirrors the arrows for a short, and returns markers in time order', () => {
    const markers = tradeMarkers({
      points,
      trades: [
        trade({
          id: 'late',
          openedAt: '2026-01-01T00:10:30.000Z',
          closedAt: '2026-01-01T00:11:00.000Z',
        }),
        trade({ id: 'short', side: 'SHORT' }),
      ],
    });
    expect(markers.map((m) => m.id)).toEqual([
      'entry-short',
      'exit-short',
      'entry-late',
      'exit-late',
    ]);
    expect(markers[0]).toMatchObject({ shape: 'arrowDown', position: 'atPriceTop' });
  });

  it('drops the labels when there are too many trades to read them', () => {
    const many = Array.from({ length: 30 }, (_, i) => trade({ id: `t${i}` }));
    expect(tradeMarkers({ points, trades: many }).every((m) => m.text === '')).toBe(true);
    expect(tradeMarkers({ points, trades: [trade({})] })[0]?.text).toBe('Entry 100');
  });

  it('has nothing to place on an empty chart', () => {
    expect(tradeMarkers({ points: [], trades: [trade({})] })).toEqual([]);
  });
});
