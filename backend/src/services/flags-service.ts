import {
  DEFAULT_FEATURE_FLAGS,
  type FeatureFlagKey,
  type FeatureFlags,
  type FeatureFlagsResponse,
} from '@bytelyst/trading-contracts';
import type { ConfigService } from './config-service.js';

export interface FlagEnv {
  ENABLE_BACKTEST: boolean;
  BACKTEST_CUSTOMER_ENABLED: boolean;
  TAB_MARKETPLACE_ENABLED: boolean;
  TAB_MEMBERSHIP_ENABLED: boolean;
}

const CONFIG_OVERRIDES: Partial<Record<FeatureFlagKey, Parameters<ConfigService['get']>[0]>> = {
  backtest: 'flags.backtest',
  'backtest.customer': 'flags.backtest.customer',
  'tabs.marketplace': 'flags.tabs.marketplace',
  'tabs.membership': 'flags.tabs.membership',
  manualTrading: 'flags.manualTrading',
};

/**
 * The typed flag contract web and mobile read. Layers, later wins: safe defaults, the deploy's
 * env switches, then dynamic config an operator changed at run time.
 */
export class FlagsService {
  constructor(private readonly deps: { env: FlagEnv; config: ConfigService }) {}

  flags(): FeatureFlagsResponse {
    const flags: FeatureFlags = {
      ...DEFAULT_FEATURE_FLAGS,
      backtest: this.deps.env.ENABLE_BACKTEST,
      'backtest.customer': this.deps.env.BACKTEST_CUSTOMER_ENABLED,
      'tabs.marketplace': this.deps.env.TAB_MARKETPLACE_ENABLED,
      'tabs.membership': this.deps.env.TAB_MEMBERSHIP_ENABLED,
    };
    let fromConfig = false;
    let updatedAt = new Date(0).toISOString();
    for (const [flag, key] of Object.entries(CONFIG_OVERRIDES) as [
      FeatureFlagKey,
      NonNullable<(typeof CONFIG_OVERRIDES)[FeatureFlagKey]>,
    ][]) {
      const value = this.deps.config.get(key);
      if (typeof value === 'boolean') {
        flags[flag] = value;
        fromConfig = true;
      }
    }
    for (const e of this.deps.config.list()) if (e.updatedAt > updatedAt) updatedAt = e.updatedAt;
    return { flags, source: fromConfig ? 'config' : 'default', updatedAt };
  }

  isOn(flag: FeatureFlagKey): boolean {
    return this.flags().flags[flag];
  }
}
