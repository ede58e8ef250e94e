import { BacktestSettings } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { describeSettings } from './run-settings-fields';

describe('describeSettings', () => {
  it('says how a run filled, charged and sized', () => {
    expect(describeSettings(BacktestSettings.parse({}))).toBe(
      'fills at next open · fee 0.001 · 2 bp slippage · sized by limits',
    );
    const s = BacktestSettings.parse({
      fillRule: 'close',
      slippage: { kind: 'range_bps', bps: 500 },
      sizing: { mode: 'percent_cash', percent: '25' },
      from: '2026-01-05T00:00:00.000Z',
    });
    expect(describeSettings(s)).toBe(
      'fills at close (optimistic) · fee 0.001 · 500 bp of range slippage · 25% of cash · 2026-01-05T00:00:00.000Z to end',
    );
  });

  it('names the rules of runs stored before settings existed', () => {
    expect(describeSettings(undefined)).toMatch(/^filled at the close/);
  });
});
