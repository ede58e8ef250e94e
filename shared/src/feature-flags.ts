import { z } from 'zod';

/** Every flag the surfaces read. Values come from platform flags, dynamic config and env. */
export const FEATURE_FLAG_KEYS = [
  'backtest',
  'backtest.customer',
  'tabs.marketplace',
  'tabs.membership',
  'tabs.decisions',
  'tabs.ledger',
  'tabs.admin',
  'manualTrading',
  'ai.insights',
] as const;
export type FeatureFlagKey = (typeof FEATURE_FLAG_KEYS)[number];

export const FeatureFlagKeySchema = z.enum(FEATURE_FLAG_KEYS);

export const FeatureFlagsSchema = z.strictObject(
  Object.fromEntries(FEATURE_FLAG_KEYS.map((k) => [k, z.boolean()])) as Record<
    FeatureFlagKey,
    z.ZodBoolean
  >,
);
export type FeatureFlags = Record<FeatureFlagKey, boolean>;

/** Safe defaults when nothing else is known: optional surfaces off, core monitoring on. */
export const DEFAULT_FEATURE_FLAGS: FeatureFlags = {
  backtest: false,
  'backtest.customer': false,
  'tabs.marketplace': false,
  'tabs.membership': false,
  'tabs.decisions': true,
  'tabs.ledger': true,
  'tabs.admin': true,
  manualTrading: true,
  'ai.insights': false,
};

export const FeatureFlagsResponseSchema = z.strictObject({
  flags: FeatureFlagsSchema,
  source: z.enum(['platform', 'config', 'default']),
  updatedAt: z.iso.datetime(),
});
export type FeatureFlagsResponse = z.infer<typeof FeatureFlagsResponseSchema>;
