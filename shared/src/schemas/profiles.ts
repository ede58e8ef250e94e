import { z } from 'zod';
import { EffectiveProfileState } from './effective-state.js';
import {
  DecimalString,
  Id,
  lineText,
  NonNegativeDecimal,
  PositiveDecimal,
  PositiveDecimalAtMost,
  Symbol,
  Timeframe,
  Timestamp,
  compareDecimal,
} from '../primitives.js';
import { TradingMode } from './control.js';
import { RampUp } from './promotion.js';
import { StrategyConfig } from './strategies.js';

export const SizingMode = z.enum(['refuse', 'down']);
export type SizingMode = z.infer<typeof SizingMode>;

/**
 * Bounds of the percentage limits. On the wire they are fractions ("0.2" = 20 %); people enter
 * and read them as percentages (web and mobile convert with `fractionToPercent`), and these
 * bounds are what every surface checks, because they are the schema's.
 */
export const RISK_PCT_BOUNDS = {
  /** Max drawdown: above 0 %, at most 100 % (a halt at a total loss). */
  maxDrawdownPct: { max: '1', maxPercent: 100 },
  /** Stop loss: above 0 %, below 100 % of the entry (a stop at 0 never triggers). */
  stopLossPct: { max: '0.99', maxPercent: 99 },
  /** Take profit: above 0 %, at most 1,000 % of the entry. */
  takeProfitPct: { max: '10', maxPercent: 1000 },
} as const;

/**
 * Smallest capital a profile may hold, in the quote currency. The backend also refuses a capital
 * below the minimum notional of any of the profile's symbols (the venue would refuse every order).
 */
export const MIN_CAPITAL = '10';

const pctField = (key: keyof typeof RISK_PCT_BOUNDS) =>
  PositiveDecimalAtMost(
    RISK_PCT_BOUNDS[key].max,
    `must be a fraction above 0 and at most ${RISK_PCT_BOUNDS[key].max} (${RISK_PCT_BOUNDS[key].maxPercent} %)`,
  );

export const RiskLimits = z.strictObject({
  maxPositionNotional: PositiveDecimal,
  maxOrderNotional: PositiveDecimal,
  maxOpenPositions: z.number().int().min(1).max(100),
  maxDailyLoss: PositiveDecimal,
  /** Fraction of peak equity, e.g. "0.2" = 20 %. Breaching it halts the profile. */
  maxDrawdownPct: pctField('maxDrawdownPct'),
  cooldownAfterLossMs: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400_000),
  /** Fractions of entry price; null = no automatic stop or target. */
  stopLossPct: pctField('stopLossPct').nullable(),
  takeProfitPct: pctField('takeProfitPct').nullable(),
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

/**
 * Limits as stored and answered: rows written before the bounds existed (a drawdown of "50")
 * still read back, so a response never fails on old data; every write is checked by RiskLimits.
 */
export const StoredRiskLimits = RiskLimits.extend({
  maxDrawdownPct: PositiveDecimal,
  stopLossPct: PositiveDecimal.nullable(),
  takeProfitPct: PositiveDecimal.nullable(),
});

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

/** Capital in the quote currency: whole cents, at least MIN_CAPITAL. */
export const Capital = PositiveDecimal.refine(
  (s) => !/\.\d{3,}$/.test(s),
  'must have at most 2 decimal places',
).refine((s) => compareDecimal(s, MIN_CAPITAL) >= 0, `must be at least ${MIN_CAPITAL}`);

/** Symbols a profile trades: each once. */
export const ProfileSymbols = z
  .array(Symbol)
  .min(1)
  .max(20)
  .refine((a) => new Set(a).size === a.length, 'must not list a symbol twice');

const profileFields = {
  name: lineText().trim().min(1).max(80),
  symbols: ProfileSymbols,
  timeframe: Timeframe,
  strategy: StrategyConfig,
  capitalAllocation: Capital,
  risk: RiskLimits,
};

export const TradingProfile = z.strictObject({
  id: Id,
  tenantId: Id,
  userId: Id,
  ...profileFields,
  // As stored: see StoredRiskLimits; the bodies below hold the bounds.
  symbols: z.array(Symbol).min(1).max(20),
  capitalAllocation: PositiveDecimal,
  risk: StoredRiskLimits,
  enabled: z.boolean(),
  mode: TradingMode,
  /**
   * The venue account the profile trades on (it is a sub-account of it, with its own books);
   * null: its owner's built-in paper account. Changed only while the profile is flat with no open
   * orders, and from paper to a live account only through a promotion.
   */
  venueAccountId: Id.nullable().default(null),
  /** Set by a promotion to a live account: the order-size cap schedule it trades under. */
  rampUp: RampUp.nullable().default(null),
  blockedReason: z.string().max(500).nullable(),
  version: z.number().int().nonnegative(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Answered by the API (never stored): the state every control layer leaves it in now. */
  effective: EffectiveProfileState.optional(),
});
export type TradingProfile = z.infer<typeof TradingProfile>;

export const CreateProfileBody = z.strictObject({
  ...profileFields,
  risk: RiskLimits.optional(),
  enabled: z.boolean().default(false),
  /** A paper or sandbox account of the caller (or the tenant's); omitted: the paper account. */
  venueAccountId: Id.nullable().optional(),
});
export type CreateProfileBody = z.infer<typeof CreateProfileBody>;

export const UpdateProfileBody = z.strictObject({
  name: profileFields.name.optional(),
  symbols: profileFields.symbols.optional(),
  timeframe: Timeframe.optional(),
  strategy: StrategyConfig.optional(),
  capitalAllocation: Capital.optional(),
  risk: RiskLimits.optional(),
  /** Another account (null: back to paper); refused while the profile holds anything. */
  venueAccountId: Id.nullable().optional(),
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

/**
 * Pushed when a profile is created, changed, switched on or off, deleted or its block resolved,
 * so an open Profiles screen refetches it. Names the profile only: the screen reads it through
 * the API, which applies the caller's visibility.
 */
export const ProfileChanged = z.strictObject({
  tenantId: Id,
  profileId: Id,
  /** The owner: their screens and the tenant's admins get the push. */
  userId: Id,
  removed: z.boolean(),
  at: Timestamp,
});
export type ProfileChanged = z.infer<typeof ProfileChanged>;
