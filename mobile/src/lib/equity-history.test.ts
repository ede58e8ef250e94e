import type { EquitySnapshot } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { accountCurve, EQUITY_PAGE, mergeEquity, newestAt, thin } from './equity-history';

const snap = (profileId: string, sec: number, equity: string): EquitySnapshot => ({
  tenantId: 'acme',
  profileId,
  at: new Date(Date.UTC(2026, 11, 7, 0, 0, sec)).toISOString(),
  equity,
  cash: equity,
  unrealizedPnl: '0',
  realizedPnl: '0',
  drawdownPct: '0',
});

describe('incremental equity history', () => {
  it('appends the tail, keeps the newest page, and replaces on a full page', () => {
    const held = [snap('a', 1, '100'), snap('a', 2, '101')];
    expect(newestAt(held)).toBe(held[1]?.at);
    expect(mergeEquity(held, [])).toEqual(held);
    expect(mergeEquity(held, [snap('a', 3, '102')]).map((s) => s.equity)).toEqual([
      '100',
      '101',
      '102',
    ]);
    const many = Array.from({ length: EQUITY_PAGE - 1 }, (_, i) => snap('a', 10 + i, '1'));
    expect(mergeEquity(held, many)).toHaveLength(EQUITY_PAGE);
    expect(mergeEquity(held, many)[0]).toEqual(held[1]);
    const full = Array.from({ length: EQUITY_PAGE }, (_, i) => snap('a', 1000 + i, '2'));
    expect(mergeEquity(held, full)).toEqual(full);
  });

  it('sums the last equity of every profile per timestamp', () => {
    expect(
      accountCurve([
        snap('a', 1, '100'),
        snap('b', 1, '50'),
        snap('a', 2, '110'),
        snap('b', 3, '40'),
      ]),
    ).toEqual([150, 160, 150]);
  });

  it('thins to at most max points and keeps the newest', () => {
    const v = Array.from({ length: 500 }, (_, i) => i);
    const t = thin(v, 120);
    expect(t).toHaveLength(120);
    expect(t[0]).toBe(0);
    expect(t.at(-1)).toBe(499);
    expect(thin([1, 2], 120)).toEqual([1, 2]);
  });
});
