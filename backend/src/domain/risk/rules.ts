import type { RiskRuleCode } from '@bytelyst/trading-contracts';
import { type Fixed, SCALE, div, formatFixed, mul } from '../money/fixed.js';

/**
 * Risk rules. Each is a pure function returning null (pass) or a denial with a stable code and
 * the numbers behind it, e.g. MAX_ORDER_NOTIONAL { orderNotional: "3000", limit: "2500" }.
 * A denial is data; nothing here throws.
 */
export interface RiskDenial {
  readonly code: RiskRuleCode;
  readonly message: string;
  readonly values: Record<string, string | number | boolean>;
}

export type RiskCheck = RiskDenial | null;

const deny = (code: RiskRuleCode, message: string, values: RiskDenial['values']): RiskDenial => ({
  code,
  message,
  values,
});

export function checkMaxOrderNotional(o: { orderNotional: Fixed; limit: Fixed }): RiskCheck {
  if (o.orderNotional <= o.limit) return null;
  return deny('MAX_ORDER_NOTIONAL', 'order notional exceeds the per-order limit', {
    orderNotional: formatFixed(o.orderNotional),
    limit: formatFixed(o.limit),
  });
}

/** `positionNotional` is the absolute notional the position would have after the order. */
export function checkMaxPositionNotional(o: { positionNotional: Fixed; limit: Fixed }): RiskCheck {
  if (o.positionNotional <= o.limit) return null;
  return deny('MAX_POSITION_NOTIONAL', 'position notional would exceed the limit', {
    positionNotional: formatFixed(o.positionNotional),
    limit: formatFixed(o.limit),
  });
}

/** `openPositions` counts other symbols already open; adding to an open symbol is not a new one. */
export function checkMaxOpenPositions(o: {
  openPositions: number;
  opensNew: boolean;
  limit: number;
}): RiskCheck {
  if (!o.opensNew || o.openPositions < o.limit) return null;
  return deny('MAX_OPEN_POSITIONS', 'the profile already holds the maximum number of positions', {
    openPositions: o.openPositions,
    limit: o.limit,
  });
}

/** `dailyPnl` is today's net realised PnL plus current unrealised PnL (negative = loss). */
export function checkMaxDailyLoss(o: { dailyPnl: Fixed; limit: Fixed }): RiskCheck {
  if (-o.dailyPnl < o.limit) return null;
  return deny('MAX_DAILY_LOSS', 'the daily loss limit is reached', {
    dailyPnl: formatFixed(o.dailyPnl),
    limit: formatFixed(o.limit),
  });
}

export function drawdownPct(equity: Fixed, peak: Fixed): Fixed {
  if (peak <= 0n || equity >= peak) return 0n;
  return div(peak - equity, peak, 'floor');
}

/** Breaching the drawdown limit halts the profile (the caller acts on the code). */
export function checkMaxDrawdown(o: { equity: Fixed; peak: Fixed; limitPct: Fixed }): RiskCheck {
  const dd = drawdownPct(o.equity, o.peak);
  if (dd < o.limitPct) return null;
  return deny('MAX_DRAWDOWN', 'drawdown from peak equity reached the limit; the profile halts', {
    equity: formatFixed(o.equity),
    peak: formatFixed(o.peak),
    drawdownPct: formatFixed(dd),
    limitPct: formatFixed(o.limitPct),
  });
}

export function checkCooldownAfterLoss(o: {
  lastLossAt: number | null;
  now: number;
  cooldownMs: number;
}): RiskCheck {
  if (o.lastLossAt === null || o.cooldownMs === 0 || o.now - o.lastLossAt >= o.cooldownMs)
    return null;
  return deny('COOLDOWN_AFTER_LOSS', 'cooling down after a losing trade', {
    lastLossAt: new Date(o.lastLossAt).toISOString(),
    remainingMs: o.cooldownMs - (o.now - o.lastLossAt),
  });
}

export function checkMinNotional(o: { orderNotional: Fixed; minNotional: Fixed }): RiskCheck {
  if (o.orderNotional >= o.minNotional) return null;
  return deny('MIN_NOTIONAL', 'order notional is below the instrument minimum', {
    orderNotional: formatFixed(o.orderNotional),
    minNotional: formatFixed(o.minNotional),
  });
}

export function checkStaleMarketData(o: {
  lastTickAt: number | null;
  now: number;
  maxAgeMs: number;
}): RiskCheck {
  if (o.lastTickAt !== null && o.now - o.lastTickAt <= o.maxAgeMs) return null;
  return deny('STALE_MARKET_DATA', 'market data is older than allowed', {
    ageMs: o.lastTickAt === null ? -1 : o.now - o.lastTickAt,
    maxAgeMs: o.maxAgeMs,
  });
}

export function checkQuantity(o: { quantity: Fixed; lot: Fixed }): RiskCheck {
  if (o.quantity >= o.lot && o.quantity > 0n) return null;
  return deny('QUANTITY_BELOW_LOT', 'the sized quantity rounds below one lot', {
    quantity: formatFixed(o.quantity),
    lot: formatFixed(o.lot),
  });
}

/**
 * Protective exits for a long (qty > 0) or short (qty < 0) position: STOP_LOSS when the mark has
 * moved against the entry by `stopLossPct`, TAKE_PROFIT when it moved in favour by
 * `takeProfitPct`. Returns the trigger (as data), or null when neither applies.
 */
export function checkProtectiveExit(o: {
  qty: Fixed;
  entry: Fixed;
  mark: Fixed;
  stopLossPct: Fixed | null;
  takeProfitPct: Fixed | null;
}): RiskCheck {
  if (o.qty === 0n || o.entry <= 0n) return null;
  const long = o.qty > 0n;
  const values = (level: Fixed) => ({
    entry: formatFixed(o.entry),
    mark: formatFixed(o.mark),
    trigger: formatFixed(level),
  });
  if (o.stopLossPct !== null) {
    const level = long ? mul(o.entry, SCALE - o.stopLossPct) : mul(o.entry, SCALE + o.stopLossPct);
    if (long ? o.mark <= level : o.mark >= level)
      return deny('STOP_LOSS', 'stop-loss level reached', values(level));
  }
  if (o.takeProfitPct !== null) {
    const level = long
      ? mul(o.entry, SCALE + o.takeProfitPct)
      : mul(o.entry, SCALE - o.takeProfitPct);
    if (long ? o.mark >= level : o.mark <= level)
      return deny('TAKE_PROFIT', 'take-profit level reached', values(level));
  }
  return null;
}
