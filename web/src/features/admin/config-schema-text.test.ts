import { DYNAMIC_CONFIG_KEYS } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { describeConfigDefault, describeConfigSchema } from './config-schema-text';

describe('config key schema and default, as an operator reads them', () => {
  it('derives the accepted values from the key schema', () => {
    expect(describeConfigSchema('flags.backtest')).toBe('true or false');
    expect(describeConfigSchema('risk.staleMarketDataMs')).toBe('whole number from 1000 to 600000');
    expect(describeConfigSchema('membership.defaultPlan')).toBe('one of free, pro, desk');
    expect(describeConfigSchema('ui.banner')).toBe(
      'text of up to 300 characters without control characters, or empty (none)',
    );
    expect(describeConfigSchema('risk.maxOrderNotional')).toBe(
      'text matching ^\\d{1,15}(\\.\\d{1,8})?$',
    );
  });

  it('names the default and where it comes from', () => {
    expect(describeConfigDefault('loop.holdDecisionRetentionHours')).toBe('24');
    expect(describeConfigDefault('membership.defaultPlan')).toBe('"pro"');
    expect(describeConfigDefault('risk.maxOrderNotional')).toBe('none');
    expect(describeConfigDefault('flags.backtest')).toBe(
      "the deploy's ENABLE_BACKTEST (true unless set)",
    );
  });

  it('describes every typed key', () => {
    for (const key of DYNAMIC_CONFIG_KEYS) expect(describeConfigSchema(key)).not.toBe('any value');
  });
});
