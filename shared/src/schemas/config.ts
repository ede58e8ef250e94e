import { z } from 'zod';
import { freeText, Reason, Timestamp } from '../primitives.js';
import { Actor } from './control.js';

/**
 * Dynamic config: keys an operator can change at run time without a deploy. Each key has its own
 * value schema so a bad value is refused per key with a clear message.
 */
export const DYNAMIC_CONFIG_SCHEMAS = {
  'flags.backtest': z.boolean(),
  'flags.backtest.customer': z.boolean(),
  'flags.tabs.marketplace': z.boolean(),
  'flags.tabs.membership': z.boolean(),
  'flags.manualTrading': z.boolean(),
  'flags.mobile.interventions': z.boolean(),
  'risk.maxOrderNotional': z.string().regex(/^\d{1,15}(\.\d{1,8})?$/),
  'risk.staleMarketDataMs': z.number().int().min(1000).max(600_000),
  'loop.holdDecisionRetentionHours': z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  'platform.statusMaxAgeMs': z.number().int().min(1000).max(300_000),
  'ui.banner': freeText().max(300).nullable(),
  'membership.defaultPlan': z.enum(['free', 'pro', 'desk']),
} as const;
export type DynamicConfigKey = keyof typeof DYNAMIC_CONFIG_SCHEMAS;
export const DYNAMIC_CONFIG_KEYS = Object.keys(DYNAMIC_CONFIG_SCHEMAS) as [
  DynamicConfigKey,
  ...DynamicConfigKey[],
];
export const DynamicConfigKeySchema = z.enum(DYNAMIC_CONFIG_KEYS);
export type DynamicConfigValue<K extends DynamicConfigKey> = z.infer<
  (typeof DYNAMIC_CONFIG_SCHEMAS)[K]
>;

export const DynamicConfigEntry = z.strictObject({
  key: DynamicConfigKeySchema,
  value: z.union([z.boolean(), z.number(), z.string(), z.null()]),
  version: z.number().int().nonnegative(),
  updatedAt: Timestamp,
  updatedBy: Actor.nullable(),
});
export type DynamicConfigEntry = z.infer<typeof DynamicConfigEntry>;

export const DynamicConfigResponse = z.strictObject({ entries: z.array(DynamicConfigEntry) });

export const PutDynamicConfigBody = z.strictObject({
  key: DynamicConfigKeySchema,
  value: z.union([z.boolean(), z.number(), freeText().max(1000), z.null()]),
  expectedVersion: z.number().int().nonnegative(),
  reason: Reason,
});
export type PutDynamicConfigBody = z.infer<typeof PutDynamicConfigBody>;

/** Validates a value against its key's schema; returns the zod result. */
export const parseDynamicConfigValue = (key: DynamicConfigKey, value: unknown) =>
  DYNAMIC_CONFIG_SCHEMAS[key].safeParse(value);
