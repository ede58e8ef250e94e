import { z } from 'zod';
import { DecimalString, Id, PositiveDecimal, Reason, Timestamp } from '../primitives.js';

/**
 * Paper first, then live. A profile moves from a paper (or sandbox) account to a live venue
 * account only through a promotion: its paper record over a period the tenant sets must meet the
 * tenant's policy, the user confirms it beside the latest backtest, and the switch is audited.
 * A newly live profile's orders are capped by the ramp-up the policy set at that moment.
 */

/** One step of a ramp-up: from `fromDay` days after going live, orders are capped at this notional. */
export const RampUpStep = z.strictObject({
  fromDay: z.number().int().min(0).max(365),
  maxOrderNotional: PositiveDecimal,
});
export type RampUpStep = z.infer<typeof RampUpStep>;

const rampSteps = z
  .array(RampUpStep)
  .min(1)
  .max(10)
  .refine((s) => s[0]?.fromDay === 0, 'the first step must start on day 0')
  .refine(
    (s) => s.every((x, i) => i === 0 || x.fromDay > (s[i - 1]?.fromDay ?? -1)),
    'steps must be in increasing days',
  );

/** The ramp-up a promoted profile runs under (a copy of the policy's, taken at the promotion). */
export const RampUp = z.strictObject({
  startedAt: Timestamp,
  steps: rampSteps,
  /** Days after which the profile trades at its own limits only. */
  fullAfterDays: z.number().int().min(0).max(365),
});
export type RampUp = z.infer<typeof RampUp>;

export const PromotionPolicyFields = z.strictObject({
  /** Days of paper trading the record must span (from the profile's start or the period's). */
  minPaperDays: z.number().int().min(0).max(365),
  /** Closed round trips the record must hold. */
  minTrades: z.number().int().min(0).max(10_000),
  /** The period the record is read over, in days back from now, unless the request sets one. */
  recordDays: z.number().int().min(1).max(365),
  /** The least return on capital (percent, net of fees) over the period; null: no bound. */
  minReturnPct: z.number().min(-100).max(1000).nullable().default(null),
  /** The largest fall of the paper equity (percent) the record may show; null: no bound. */
  maxDrawdownPct: z.number().min(0).max(100).nullable().default(null),
  rampUp: rampSteps,
  fullAfterDays: z.number().int().min(0).max(365),
});
export type PromotionPolicyFields = z.infer<typeof PromotionPolicyFields>;

export const PromotionPolicy = PromotionPolicyFields.extend({
  updatedAt: Timestamp.nullable(),
  updatedBy: Id.nullable(),
});
export type PromotionPolicy = z.infer<typeof PromotionPolicy>;

export const DEFAULT_PROMOTION_POLICY: PromotionPolicyFields = {
  minPaperDays: 7,
  minTrades: 5,
  recordDays: 30,
  minReturnPct: null,
  maxDrawdownPct: null,
  rampUp: [
    { fromDay: 0, maxOrderNotional: '100' },
    { fromDay: 3, maxOrderNotional: '500' },
  ],
  fullAfterDays: 7,
};

export const PutPromotionPolicyBody = PromotionPolicyFields.extend({ reason: Reason });
export type PutPromotionPolicyBody = z.infer<typeof PutPromotionPolicyBody>;

/** What the profile did on paper over the period, net of fees. */
export const PaperRecord = z.strictObject({
  from: Timestamp,
  to: Timestamp,
  /** Days the profile traded on paper within the period (since its creation at the earliest). */
  days: z.number().int().nonnegative(),
  trades: z.number().int().nonnegative(),
  netPnl: DecimalString,
  fees: DecimalString,
  /** Net PnL over the capital allocation, percent. */
  returnPct: z.number(),
  /** Largest fall from a peak of the equity snapshots in the period, percent. */
  maxDrawdownPct: z.number().min(0),
});
export type PaperRecord = z.infer<typeof PaperRecord>;

/** The newest finished backtest of the owner with the profile's strategy, symbol and timeframe. */
export const PromotionBacktest = z.strictObject({
  id: Id,
  finishedAt: Timestamp.nullable(),
  symbol: z.string(),
  trades: z.number().int().nonnegative(),
  returnPct: z.number(),
  maxDrawdownPct: z.number().min(0),
  netPnl: DecimalString.nullable(),
});
export type PromotionBacktest = z.infer<typeof PromotionBacktest>;

/** One requirement of the policy against the record (bounds the policy leaves unset are absent). */
export const PromotionCheck = z.strictObject({
  requirement: z.enum(['minPaperDays', 'minTrades', 'minReturnPct', 'maxDrawdownPct']),
  /** What the policy asks for, e.g. ">= 7 days". */
  required: z.string().max(60),
  /** What the record shows, e.g. "3 days". */
  actual: z.string().max(60),
  passed: z.boolean(),
});
export type PromotionCheck = z.infer<typeof PromotionCheck>;

export const PromotionReview = z.strictObject({
  profileId: Id,
  record: PaperRecord,
  backtest: PromotionBacktest.nullable(),
  policy: PromotionPolicy,
  /** Every requirement the policy sets, met or not, in the policy's order. */
  checks: z.array(PromotionCheck),
  /** Empty when the record meets the policy; otherwise why not, one line each. */
  shortfalls: z.array(z.string().max(200)),
  eligible: z.boolean(),
});
export type PromotionReview = z.infer<typeof PromotionReview>;

export const PromotionReviewQuery = z.strictObject({
  /** The period's length in days back from now; default the policy's recordDays. */
  days: z.coerce.number().int().min(1).max(365).optional(),
});
export type PromotionReviewQuery = z.infer<typeof PromotionReviewQuery>;

export const PromoteProfileBody = z.strictObject({
  venueAccountId: Id,
  days: z.number().int().min(1).max(365).optional(),
  /** The user's confirmation: the request is refused without it. */
  confirm: z.literal(true),
  expectedVersion: z.number().int().nonnegative(),
});
export type PromoteProfileBody = z.infer<typeof PromoteProfileBody>;

const DAY_MS = 86_400_000;

/** Where a live profile stands in its ramp-up at `now`. */
export interface RampUpPosition {
  /** Whole days since the promotion. */
  day: number;
  /** The cap in force (the last step that has started); null once the ramp-up is over. */
  step: RampUpStep | null;
  /** The next step's day, or `fullAfterDays` after the last; null once over. */
  nextChangeDay: number | null;
}

/**
 * The one reading of a ramp-up, shared by the pre-trade gate and the screens: the last step that
 * has started caps orders until `fullAfterDays`, after which only the profile's limits apply.
 */
export function rampUpPositionAt(rampUp: RampUp, now: number): RampUpPosition {
  const day = Math.max(0, Math.floor((now - Date.parse(rampUp.startedAt)) / DAY_MS));
  if (day >= rampUp.fullAfterDays) return { day, step: null, nextChangeDay: null };
  let step = rampUp.steps[0] ?? null;
  for (const s of rampUp.steps) if (s.fromDay <= day) step = s;
  const next = rampUp.steps.find((s) => s.fromDay > day)?.fromDay ?? rampUp.fullAfterDays;
  return { day, step, nextChangeDay: Math.min(next, rampUp.fullAfterDays) };
}
