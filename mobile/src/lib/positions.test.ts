import type { EquitySnapshot } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { totalEquity } from './positions';

const snap = (profileId: string, at: string, equity: string): EquitySnapshot => ({
  tenantId: 'acme',
  profileId,
  at,
  equity,
  cash: equity,
  unrealizedPnl: '0.1',
  realizedPnl: '-0.2',
  drawdownPct: '0',
});

describe('totalEquity', () => {
  it('sums the latest snapshot of each profile exactly', () => {
    const t = totalEquity([
      snap('a', '2026-01-01T00:00:00.000Z', '100'),
      snap('a', '2026-01-01T00:01:00.000Z', '100.1'),
      snap('b', '2026-01-01T00:00:30.000Z', '0.2'),
    ]);
    expect(t).toEqual({
      equity: '100.30000000',
      unrealizedPnl: '0.20000000',
      realizedPnl: '-0.40000000',
      at: '2026-01-01T00:01:00.000Z',
    });
  });

  it('is null before the first snapshot', () => {
    expect(totalEquity([])).toBeNull();
  });
});
