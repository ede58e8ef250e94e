import type { RiskLimits, SizingMode } from '@bytelyst/trading-contracts';
import { type Fixed, abs, parseFixed } from '../money/fixed.js';
import { checkWorstCaseCapital } from './capital.js';
import {
  type RiskDenial,
  checkCooldownAfterLoss,
  checkMaxDailyLoss,
  checkMaxDrawdown,
  checkMaxOpenPositions,
  checkMaxOrderNotional,
  checkMaxPositionNotional,
  checkMinNotional,
  checkQuantity,
  checkStaleMarketData,
} from './rules.js';

/** Risk limits as exact values, parsed once per profile (not per candle). */
export interface RiskLimitsExact {
  readonly maxPositionNotional: Fixed;
  readonly maxOrderNotional: Fixed;
  readonly maxOpenPositions: number;
  readonly maxDailyLoss: Fixed;
  readonly maxDrawdownPct: Fixed;
  readonly cooldownAfterLossMs: number;
  readonly stopLossPct: Fixed | null;
  readonly takeProfitPct: Fixed | null;
  readonly staleMarketDataMs: number;
  readonly sizingMode: SizingMode;
}

export function toExactLimits(r: RiskLimits): RiskLimitsExact {
  return {
    maxPositionNotional: parseFixed(r.maxPositionNotional),
    maxOrderNotional: parseFixed(r.maxOrderNotional),
    maxOpenPositions: r.maxOpenPositions,
    maxDailyLoss: parseFixed(r.maxDailyLoss),
    maxDrawdownPct: parseFixed(r.maxDrawdownPct),
    cooldownAfterLossMs: r.cooldownAfterLossMs,
    stopLossPct: r.stopLossPct === null ? null : parseFixed(r.stopLossPct),
    takeProfitPct: r.takeProfitPct === null ? null : parseFixed(r.takeProfitPct),
    staleMarketDataMs: r.staleMarketDataMs,
    sizingMode: r.sizingMode,
  };
}

export interface EntryContext {
  readonly limits: RiskLimitsExact;
  readonly now: number;
  readonly quantity: Fixed;
  readonly lot: Fixed;
  readonly orderNotional: Fixed;
  readonly minNotional: Fixed;
  /** Signed notional of the existing position in this symbol at the current mark. */
  readonly positionNotional: Fixed;
  readonly openPositionsElsewhere: number;
  readonly opensNew: boolean;
  readonly dailyPnl: Fixed;
  readonly equity: Fixed;
  readonly peakEquity: Fixed;
  readonly lastLossAt: number | null;
  readonly lastTickAt: number | null;
  /** Ledger cash of the profile. */
  readonly cash: Fixed;
  /** Worst-case cost of the profile's other orders still in flight (held back from `cash`). */
  readonly reserved: Fixed;
  /** Worst-case cost of this order: notional at the slippage bound plus its fee. */
  readonly worstCaseCost: Fixed;
}

/** Every rule that applies to new exposure, in a stable order; empty means allowed. */
export function checkEntry(c: EntryContext): RiskDenial[] {
  const l = c.limits;
  const checks = [
    checkStaleMarketData({ lastTickAt: c.lastTickAt, now: c.now, maxAgeMs: l.staleMarketDataMs }),
    checkMaxDrawdown({ equity: c.equity, peak: c.peakEquity, limitPct: l.maxDrawdownPct }),
    checkMaxDailyLoss({ dailyPnl: c.dailyPnl, limit: l.maxDailyLoss }),
    checkCooldownAfterLoss({
      lastLossAt: c.lastLossAt,
      now: c.now,
      cooldownMs: l.cooldownAfterLossMs,
    }),
    checkQuantity({ quantity: c.quantity, lot: c.lot }),
    checkMinNotional({ orderNotional: c.orderNotional, minNotional: c.minNotional }),
    checkMaxOrderNotional({ orderNotional: c.orderNotional, limit: l.maxOrderNotional }),
    checkMaxPositionNotional({
      positionNotional: abs(c.positionNotional + c.orderNotional),
      limit: l.maxPositionNotional,
    }),
    checkMaxOpenPositions({
      openPositions: c.openPositionsElsewhere,
      opensNew: c.opensNew,
      limit: l.maxOpenPositions,
    }),
    checkWorstCaseCapital({ cash: c.cash, reserved: c.reserved, cost: c.worstCaseCost }),
  ];
  return checks.filter((x): x is RiskDenial => x !== null);
}
