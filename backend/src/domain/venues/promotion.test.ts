import type { Trade } from '@bytelyst/trading-contracts';
import { DEFAULT_PROMOTION_POLICY } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { paperRecordOf, promotionChecks, promotionShortfalls } from './promotion.js';

const DAY = 86_400_000;
const to = Date.parse('2026-12-07T12:00:00.000Z');
const trade = (closedAt: number, netPnl: string, fees: string): Trade => ({
  id: `t-${closedAt}`,
  tenantId: 'acme',
  profileId: 'p1',
  symbol: 'BTC-USD',
  side: 'LONG',
  quantity: '0.01',
  entryPrice: '60000',
  exitPrice: '60100',
  realizedPnl: netPnl,
  fees,
  netPnl,
  openedAt: new Date(closedAt - 60_000).toISOString(),
  closedAt: new Date(closedAt).toISOString(),
  entryDecisionId: null,
  exitDecisionId: null,
  exitReason: 'strategy',
  strategy: null,
});

describe('paper record', () => {
  it('counts trades in the period net of fees, return, drawdown and days', () => {
    const record = paperRecordOf({
      from: to - 10 * DAY,
      to,
      createdAt: to - 8 * DAY - 1,
      capital: '1000',
      trades: [
        trade(to - 11 * DAY, '500', '1'), // before the period: not counted
        trade(to - 5 * DAY, '30', '0.5'),
        trade(to - 1 * DAY, '-10', '0.5'),
      ],
      equity: [
        { at: to - 6 * DAY, equity: '1000' },
        { at: to - 5 * DAY, equity: '1100' },
        { at: to - 2 * DAY, equity: '990' },
        { at: to - DAY, equity: '1020' },
      ],
    });
    expect(record).toMatchObject({
      days: 8,
      trades: 2,
      netPnl: '20',
      fees: '1',
      returnPct: 2,
      maxDrawdownPct: 10,
    });
  });

  it('names every shortfall against the policy', () => {
    const record = paperRecordOf({
      from: to - 30 * DAY,
      to,
      createdAt: to - 2 * DAY,
      capital: '1000',
      trades: [trade(to - DAY, '5', '0.1')],
      equity: [],
    });
    expect(promotionShortfalls(record, DEFAULT_PROMOTION_POLICY)).toEqual([
      '2 day(s) on paper; the policy asks for 7',
      '1 closed trade(s) on paper; the policy asks for 5',
    ]);
    expect(
      promotionShortfalls(record, { ...DEFAULT_PROMOTION_POLICY, minPaperDays: 2, minTrades: 1 }),
    ).toEqual([]);
  });
});

describe('promotion checks', () => {
  const record = paperRecordOf({
    from: to - 30 * DAY,
    to,
    createdAt: to - 10 * DAY,
    capital: '1000',
    trades: [trade(to - 2 * DAY, '-20', '1')],
    equity: [
      { at: to - 3 * DAY, equity: '1000' },
      { at: to - DAY, equity: '950' },
    ],
  });

  it('lists each requirement the policy sets with pass or fail, unset bounds left out', () => {
    expect(promotionChecks(record, DEFAULT_PROMOTION_POLICY).map((c) => c.requirement)).toEqual([
      'minPaperDays',
      'minTrades',
    ]);
    const checks = promotionChecks(record, {
      ...DEFAULT_PROMOTION_POLICY,
      minTrades: 1,
      minReturnPct: 0,
      maxDrawdownPct: 4,
    });
    expect(checks).toEqual([
      { requirement: 'minPaperDays', required: '>= 7 day(s)', actual: '10 day(s)', passed: true },
      {
        requirement: 'minTrades',
        required: '>= 1 closed trade(s)',
        actual: '1 closed trade(s)',
        passed: true,
      },
      { requirement: 'minReturnPct', required: '>= 0 %', actual: '-2 %', passed: false },
      { requirement: 'maxDrawdownPct', required: '<= 4 %', actual: '5 %', passed: false },
    ]);
  });

  it('names the return and drawdown shortfalls, and none when the bounds hold', () => {
    const policy = {
      ...DEFAULT_PROMOTION_POLICY,
      minTrades: 1,
      minReturnPct: 0,
      maxDrawdownPct: 4,
    };
    expect(promotionShortfalls(record, policy)).toEqual([
      'a return of -2 % on paper; the policy asks for at least 0 %',
      'a drawdown of 5 % on paper; the policy allows at most 4 %',
    ]);
    expect(promotionShortfalls(record, { ...policy, minReturnPct: -2, maxDrawdownPct: 5 })).toEqual(
      [],
    );
  });
});
