import { describe, expect, it } from 'vitest';
import { modelWhy } from './model-why';

describe('modelWhy', () => {
  it('reads a model decision back as its explanation, largest contribution first', () => {
    const why = modelWhy({
      model: 'acme-m1',
      p: 0.6421,
      enterAbove: 0.6,
      exitBelow: 0.5,
      base: -0.02,
      'contribution.rsi_14': -0.12,
      'value.rsi_14': 0.38,
      'contribution.ret_5': 0.31,
      'value.ret_5': 0.004,
    });
    expect(why?.sentence).toBe('p=0.64 > 0.60 (entry); ret_5 +0.31, rsi_14 -0.12');
    expect(why?.contributions.map((c) => c.feature)).toEqual(['ret_5', 'rsi_14']);
    expect(why?.contributions[1]?.label).toMatch(/RSI/);
  });

  it('is null for a rule strategy', () => {
    expect(modelWhy({ close: 100, fast: 99, slow: 98 })).toBeNull();
  });
});
