import { DEFAULT_RISK_LIMITS, RiskRuleCode } from '@bytelyst/trading-contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFixed as d } from '../money/fixed.js';
import { type EntryContext, checkEntry, toExactLimits } from './entry-check.js';
import {
  checkCooldownAfterLoss,
  checkMaxDailyLoss,
  checkMaxDrawdown,
  checkMaxOpenPositions,
  checkMaxOrderNotional,
  checkMaxPositionNotional,
  checkMinNotional,
  checkProtectiveExit,
  checkStaleMarketData,
} from './rules.js';

const limits = toExactLimits(DEFAULT_RISK_LIMITS);
const ok: EntryContext = {
  limits,
  now: 1_000_000,
  quantity: d('0.01'),
  lot: d('0.0001'),
  orderNotional: d('1000'),
  minNotional: d('10'),
  positionNotional: 0n,
  openPositionsElsewhere: 0,
  opensNew: true,
  dailyPnl: 0n,
  equity: d('10000'),
  peakEquity: d('10000'),
  lastLossAt: null,
  lastTickAt: 999_000,
  cash: d('10000'),
  reserved: 0n,
  worstCaseCost: d('1001'),
};

describe('risk rules', () => {
  it('each rule denies at its boundary with its code and numbers', () => {
    expect(checkMaxOrderNotional({ orderNotional: d('2500'), limit: d('2500') })).toBeNull();
    expect(checkMaxOrderNotional({ orderNotional: d('2500.01'), limit: d('2500') })).toEqual({
      code: 'MAX_ORDER_NOTIONAL',
      message: expect.any(String),
      values: { orderNotional: '2500.01', limit: '2500' },
    });
    expect(checkMaxPositionNotional({ positionNotional: d('5001'), limit: d('5000') })?.code).toBe(
      'MAX_POSITION_NOTIONAL',
    );
    expect(checkMaxOpenPositions({ openPositions: 3, opensNew: true, limit: 3 })?.code).toBe(
      'MAX_OPEN_POSITIONS',
    );
    expect(checkMaxOpenPositions({ openPositions: 3, opensNew: false, limit: 3 })).toBeNull();
    expect(checkMaxDailyLoss({ dailyPnl: d('-499.99'), limit: d('500') })).toBeNull();
    expect(checkMaxDailyLoss({ dailyPnl: d('-500'), limit: d('500') })?.values).toEqual({
      dailyPnl: '-500',
      limit: '500',
    });
    expect(
      checkMaxDrawdown({ equity: d('8000'), peak: d('10000'), limitPct: d('0.2') })?.values
        .drawdownPct,
    ).toBe('0.2');
    expect(
      checkMaxDrawdown({ equity: d('8000.01'), peak: d('10000'), limitPct: d('0.2') }),
    ).toBeNull();
    expect(
      checkCooldownAfterLoss({ lastLossAt: 0, now: 299_999, cooldownMs: 300_000 })?.values
        .remainingMs,
    ).toBe(1);
    expect(checkCooldownAfterLoss({ lastLossAt: 0, now: 300_000, cooldownMs: 300_000 })).toBeNull();
    expect(checkMinNotional({ orderNotional: d('9.99'), minNotional: d('10') })?.code).toBe(
      'MIN_NOTIONAL',
    );
    expect(checkStaleMarketData({ lastTickAt: null, now: 5, maxAgeMs: 1000 })?.code).toBe(
      'STALE_MARKET_DATA',
    );
    expect(checkStaleMarketData({ lastTickAt: 0, now: 1000, maxAgeMs: 1000 })).toBeNull();
  });

  it('triggers stop-loss and take-profit for longs and shorts', () => {
    const p = { stopLossPct: d('0.03'), takeProfitPct: d('0.06') };
    expect(checkProtectiveExit({ ...p, qty: d('1'), entry: d('100'), mark: d('97') })?.code).toBe(
      'STOP_LOSS',
    );
    expect(
      checkProtectiveExit({ ...p, qty: d('1'), entry: d('100'), mark: d('97.01') }),
    ).toBeNull();
    expect(checkProtectiveExit({ ...p, qty: d('1'), entry: d('100'), mark: d('106') })?.code).toBe(
      'TAKE_PROFIT',
    );
    expect(checkProtectiveExit({ ...p, qty: d('-1'), entry: d('100'), mark: d('103') })?.code).toBe(
      'STOP_LOSS',
    );
    expect(checkProtectiveExit({ ...p, qty: d('-1'), entry: d('100'), mark: d('94') })?.code).toBe(
      'TAKE_PROFIT',
    );
    expect(
      checkProtectiveExit({
        stopLossPct: null,
        takeProfitPct: null,
        qty: d('1'),
        entry: d('100'),
        mark: d('1'),
      }),
    ).toBeNull();
  });

  it('allows a healthy entry and names every rule an unhealthy one breaks', () => {
    expect(checkEntry(ok)).toEqual([]);
    const bad = checkEntry({
      ...ok,
      lastTickAt: 0,
      equity: d('7000'),
      dailyPnl: d('-600'),
      lastLossAt: ok.now - 1,
      quantity: 0n,
      orderNotional: d('5'),
      positionNotional: d('6000'),
      openPositionsElsewhere: 3,
      cash: 0n,
    });
    expect(bad.map((b) => b.code)).toEqual([
      'STALE_MARKET_DATA',
      'MAX_DRAWDOWN',
      'MAX_DAILY_LOSS',
      'COOLDOWN_AFTER_LOSS',
      'QUANTITY_BELOW_LOT',
      'MIN_NOTIONAL',
      'MAX_POSITION_NOTIONAL',
      'MAX_OPEN_POSITIONS',
      'INSUFFICIENT_CAPITAL',
    ]);
    for (const b of bad) expect(RiskRuleCode.safeParse(b.code).success).toBe(true);
  });

  it('never allows an order above the order limit or costing more than the free cash (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        (notional, cash, reserved) => {
          const cost = notional + notional / 1000n;
          const denials = checkEntry({
            ...ok,
            orderNotional: notional,
            worstCaseCost: cost,
            cash,
            reserved,
          });
          const allowed = denials.length === 0;
          if (allowed)
            expect(notional <= limits.maxOrderNotional && cost <= cash - reserved).toBe(true);
        },
      ),
    );
  });
});
