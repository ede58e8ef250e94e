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

/**
 * What each key does and the value in effect while it is not stored (a fresh install), so an
 * operator can see what creating it would change. `default` is that value on a default deploy;
 * `fallback` names where it comes from when that is not a constant (an env switch).
 */
export const DYNAMIC_CONFIG_CATALOG = {
  'flags.backtest': {
    about: 'Shows the Backtest tab to operators.',
    default: true,
    fallback: "the deploy's ENABLE_BACKTEST",
  },
  'flags.backtest.customer': {
    about: 'Lets customers run backtests too.',
    default: false,
    fallback: "the deploy's BACKTEST_CUSTOMER_ENABLED",
  },
  'flags.tabs.marketplace': {
    about: 'Shows the Marketplace tab.',
    default: true,
    fallback: "the deploy's TAB_MARKETPLACE_ENABLED",
  },
  'flags.tabs.membership': {
    about: 'Shows the Membership tab.',
    default: true,
    fallback: "the deploy's TAB_MEMBERSHIP_ENABLED",
  },
  'flags.manualTrading': { about: 'Allows manual orders and closes.', default: true },
  'risk.maxOrderNotional': {
    about: 'Product-wide order cap. Stored only: no service reads it yet; profile limits apply.',
    default: null,
  },
  'risk.staleMarketDataMs': {
    about: "Market data age treated as stale. Stored only: the deploy's tick setting applies.",
    default: 15_000,
  },
  'loop.holdDecisionRetentionHours': {
    about: 'How long HOLD decisions are kept before housekeeping deletes them.',
    default: 24,
  },
  'platform.statusMaxAgeMs': {
    about: "Product status age still trusted. Stored only: the deploy's setting applies.",
    default: 15_000,
    fallback: "the deploy's PLATFORM_STATUS_MAX_AGE_MS",
  },
  'ui.banner': {
    about: 'A banner text for every surface. Stored only: no surface shows it yet.',
    default: null,
  },
  'membership.defaultPlan': {
    about: 'The plan a tenant has until billing says otherwise.',
    default: 'pro',
  },
} as const satisfies {
  // null: nothing is in effect until an operator sets the key.
  [K in DynamicConfigKey]: {
    about: string;
    default: DynamicConfigValue<K> | null;
    fallback?: string;
  };
};

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
