import {
  type StrategyConfig,
  StrategyConfig as StrategyConfigSchema,
} from '@bytelyst/trading-contracts';
import { DonchianBreakoutStrategy } from './donchian-breakout.js';
import { RsiReversionStrategy } from './rsi-reversion.js';
import { SmaCrossStrategy } from './sma-cross.js';
import type { Strategy } from './strategy.js';

/** Builds a strategy from a config, validating the params with the contract schema first. */
export function createStrategy(config: StrategyConfig): Strategy {
  const valid = StrategyConfigSchema.parse(config);
  switch (valid.strategy) {
    case 'sma-cross':
      return new SmaCrossStrategy(valid.params);
    case 'rsi-reversion':
      return new RsiReversionStrategy(valid.params);
    case 'donchian-breakout':
      return new DonchianBreakoutStrategy(valid.params);
  }
}
