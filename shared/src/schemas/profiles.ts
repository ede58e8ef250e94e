import { z } from 'zod';
import {
  DecimalString,
  Id,
  lineText,
  NonNegativeDecimal,
  PositiveDecimal,
  Symbol,
  Timeframe,
  Timestamp,
} from '../primitives.js';
import { TradingMode } from './control.js';
import { StrategyConfig } from './strategies.js';

export const SizingMode = z.enum(['refuse', 'down']);
export type SizingMode = z.infer<typeof SizingMode>;

export const RiskLimits = z.strictObject({
  maxPositionNotional: PositiveDecimal,
  maxOrderNotional: PositiveDecimal,
  maxOpenPositions: z.number().int().min(1).max(100),
  maxDailyLoss: PositiveDecimal,
  /** Fraction of peak equity, e.g. "0.2" = 20 %. Breaching it halts the profile. */
  maxDrawdownPct: PositiveDecimal,
  cooldownAfterLossMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000),
  /** Fractions of entry price; null = no automatic stop or target. */
  stopLossPct: PositiveDecimal.nullable(),
  takeProfitPct: PositiveDecimal.nullable(),
  staleMarketDataMs: z.number().int().min(1000).max(600_000),
  /**
   * What the pre-trade gate does with an entry whose worst-case cost (notional, fee, slippage
   * bound) does not fit the free cash: `refuse` it (INSUFFICIENT_CAPITAL with the numbers) or
   * size it `down` to what fits (lot size and minimum notional still apply). Refusing is the
   * default: an order is never smaller than its owner sized it without asking.
   */
  sizingMode: SizingMode.default('refuse'),
});
export type RiskLimits = z.infer<typeof RiskLimits>;

export const DEFAULT_RISK_LIMITS: RiskLimits = {
  maxPositionNotional: '5000',
  maxOrderNotional: '2500',
  maxOpenPositions: 3,
  maxDailyLoss: '500',
  maxDrawdownPct: '0.2',
  cooldownAfterLossMs: 300_000,
  stopLossPct: '0.03',
  takeProfitPct: '0.06',
  staleMarketDataMs: 15_000,
  sizingMode: 'refuse',
};

const profileFields = {
  name: lineText().trim().min(1).max(80),
  symbols: z.array(Symbol).min(1).max(20),
  timeframe: Timeframe,
  strategy: StrategyConfig,
  capitalAllocation: PositiveDecimal,
  risk: RiskLimits,
};

export const TradingProfile = z.strictObject({
  id: Id,
  tenantId: Id,
  userId: Id,
  ...profileFields,
  enabled: z.boolean(),
  mode: TradingMode,
  blockedReason: z.string().max(500).nullable(),
  version: z.number().int().nonnegative(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type TradingProfile = z.infer<typeof TradingProfile>;

export const CreateProfileBody = z.strictObject({
  ...profileFields,
  risk: RiskLimits.optional(),
  enabled: z.boolean().default(false),
});
export type CreateProfileBody = z.infer<typeof CreateProfileBody>;

export const UpdateProfileBody = z.strictObject({
  name: profileFields.name.optional(),
  symbols: profileFields.symbols.optional(),
  timeframe: Timeframe.optional(),
  strategy: StrategyConfig.optional(),
  capitalAllocation: PositiveDecimal.optional(),
  risk: RiskLimits.optional(),
  expectedVersion: z.number().int().nonnegative(),
});
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;

export const ProfileSummary = TradingProfile.extend({
  equity: NonNegativeDecimal,
  realizedPnl: DecimalString,
  unrealizedPnl: DecimalString,
  openPositions: z.number().int().nonnegative(),
});
export type ProfileSummary = z.infer<typeof ProfileSummary>;
