import {
  type StrategyConfig,
  StrategyConfig as StrategyConfigSchema,
} from '@bytelyst/trading-contracts';
import { DonchianBreakoutStrategy } from './donchian-breakout.js';
import { type ModelLookup, ModelStrategy } from './model-strategy.js';
import { RsiReversionStrategy } from './rsi-reversion.js';
import { SmaCrossStrategy } from './sma-cross.js';
import type { Strategy } from './strategy.js';

/**
 * Builds a strategy from a config, validating the params with the contract schema first. Model
 * strategies read their model version from `models` (the registry's loaded versions).
 */
export function createStrategy(config: StrategyConfig, models?: ModelLookup): Strategy {
  const valid = StrategyConfigSchema.parse(config);
  switch (valid.strategy) {
    case 'sma-cross':
      return new SmaCrossStrategy(valid.params);
    case 'rsi-reversion':
      return new RsiReversionStrategy(valid.params);
    case 'donchian-breakout':
      return new DonchianBreakoutStrategy(valid.params);
    case 'model':
      return new ModelStrategy(valid.params, models);
  }
}
