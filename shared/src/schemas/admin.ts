import { z } from 'zod';
import { DecimalString, Id, lineText, PositiveDecimal, Symbol, Timeframe } from '../primitives.js';
import { Capital, RiskLimits } from './profiles.js';
import { StrategyConfig, StrategyIdSchema } from './strategies.js';

export const StrategyCluster = z.strictObject({
  strategy: StrategyIdSchema,
  symbol: Symbol,
  profiles: z.number().int().nonnegative(),
  tenants: z.number().int().nonnegative(),
  openPositions: z.number().int().nonnegative(),
  realizedPnl: DecimalString,
  unrealizedPnl: DecimalString,
});
export type StrategyCluster = z.infer<typeof StrategyCluster>;

export const MarketplacePreset = z.strictObject({
  id: Id,
  name: z.string().min(1).max(80),
  description: z.string().max(500),
  timeframe: Timeframe,
  symbols: z.array(Symbol).min(1).max(20),
  strategy: StrategyConfig,
  risk: RiskLimits,
});
export type MarketplacePreset = z.infer<typeof MarketplacePreset>;

export const CopyPresetBody = z.strictObject({
  presetId: Id,
  name: lineText().trim().min(1).max(80).optional(),
  capitalAllocation: Capital,
});

export const PlanId = z.enum(['free', 'pro', 'desk']);
export type PlanId = z.infer<typeof PlanId>;

/** What each plan allows; enforced by the backend when the membership tab is on. */
export const MEMBERSHIP_PLANS: Record<
  PlanId,
  { maxProfiles: number; maxSymbolsPerProfile: number; maxCapital: string }
> = {
  free: { maxProfiles: 2, maxSymbolsPerProfile: 2, maxCapital: '10000' },
  pro: { maxProfiles: 10, maxSymbolsPerProfile: 10, maxCapital: '250000' },
  desk: { maxProfiles: 100, maxSymbolsPerProfile: 20, maxCapital: '10000000' },
};

export const MembershipPlan = z.strictObject({
  plan: PlanId,
  limits: z.strictObject({
    maxProfiles: z.number().int().positive(),
    maxSymbolsPerProfile: z.number().int().positive(),
    maxCapital: PositiveDecimal,
  }),
  usage: z.strictObject({ profiles: z.number().int().nonnegative(), capital: DecimalString }),
});
export type MembershipPlan = z.infer<typeof MembershipPlan>;
