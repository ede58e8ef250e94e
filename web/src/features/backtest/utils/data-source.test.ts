import type { CandleSeries } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import {
  coverageInputs,
  describeData,
  seriesKey,
  seriesLabel,
  sourceKey,
  SIMULATED,
  storedRangeIssues,
} from './data-source';

const series: CandleSeries = {
  symbol: 'BTC-USD',
  venue: 'csv',
  timeframe: '1h',
  from: '2026-02-02T00:00:00.000Z',
  to: '2026-02-04T23:00:00.000Z',
  count: 72,
  expected: 72,
  coveragePct: 100,
  gapCount: 0,
  missing: 0,
  gaps: [],
  updatedAt: '2026-02-05T00:00:00.000Z',
};

describe('stored series as a data source', () => {
  it('keys a series and a request source alike', () => {
    expect(seriesKey(series)).toBe('BTC-USD/csv/1h');
    expect(
      sourceKey({ source: { kind: 'stored', venue: 'csv' }, symbol: 'BTC-USD', timeframe: '1h' }),
    ).toBe('BTC-USD/csv/1h');
    expect(sourceKey({ source: undefined, symbol: 'BTC-USD', timeframe: '1m' })).toBe(SIMULATED);
  });

  it('covers the last candle to its close', () => {
    expect(coverageInputs(series)).toEqual({ from: '2026-02-02T00:00', to: '2026-02-05T00:00' });
    expect(seriesLabel(series)).toBe(
      'BTC-USD 1h · csv · 72 candles, 2026-02-02 00:00 UTC to 2026-02-05 00:00 UTC',
    );
  });

  it('accepts a range inside the coverage, and open ends', () => {
    expect(storedRangeIssues(series, coverageInputs(series))).toEqual({});
    expect(storedRangeIssues(series, { from: '2026-02-03T00:00', to: '' })).toEqual({});
    expect(storedRangeIssues(series, { from: '', to: '' })).toEqual({});
  });

  it('names the end that falls outside the series', () => {
    expect(storedRangeIssues(series, { from: '2026-02-01T23:00', to: '' }).from).toMatch(
      /Before the series starts \(2026-02-02 00:00 UTC\)/,
    );
    expect(storedRangeIssues(series, { from: '2026-02-05T00:00', to: '' }).from).toMatch(
      /After the series ends/,
    );
    expect(storedRangeIssues(series, { from: '', to: '2026-02-05T01:00' }).to).toMatch(
      /After the series ends \(2026-02-05 00:00 UTC\)/,
    );
    expect(storedRangeIssues(series, { from: '', to: '2026-02-02T00:00' }).to).toMatch(
      /Before the series starts/,
    );
    expect(storedRangeIssues(series, { from: '2026-02-03T00:00', to: '2026-02-03T00:00' }).to).toBe(
      'Must be after From.',
    );
  });

  it('says what a run replayed', () => {
    const r = { symbol: 'BTC-USD', timeframe: '1m' as const, candles: 20_000, seed: 42 };
    expect(describeData({ ...r, source: { kind: 'stored', venue: 'csv' } })).toBe(
      'stored BTC-USD 1m · csv',
    );
    expect(describeData(r)).toBe('20,000 simulated candles · seed 42');
  });
});
