import { describe, expect, it } from 'vitest';
import { modelWhyView } from './model-why-view';

describe('modelWhyView', () => {
  it('headlines a model entry as a buy against its threshold, contributions largest first', () => {
    const view = modelWhyView({
      action: 'ENTER',
      inputs: {
        model: 'mv-1',
        p: 0.6412,
        enterAbove: 0.6,
        exitBelow: 0.5,
        'contribution.rsi_14': -0.12,
        'value.rsi_14': 0.38,
        'contribution.ret_5': 0.31,
        'value.ret_5': 0.004,
      },
    });
    expect(view?.headline).toBe('BUY: p=0.64 > 0.60');
    expect(view?.contributions.map((c) => c.figure)).toEqual(['ret_5 +0.31', 'rsi_14 -0.12']);
    expect(view?.contributions[1]?.label).toBe("Wilder's RSI over 14 candles, scaled to 0..1");
  });

  it('headlines an exit as a sell, and is null for a rule strategy', () => {
    const exit = modelWhyView({
      action: 'EXIT',
      inputs: { model: 'mv-1', p: 0.41, enterAbove: 0.6, exitBelow: 0.5 },
    });
    expect(exit?.headline).toBe('SELL: p=0.41 < 0.50');
    expect(modelWhyView({ action: 'ENTER', inputs: { close: 100, fast: 99 } })).toBeNull();
  });
});
