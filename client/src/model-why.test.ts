import { describe, expect, it } from 'vitest';
import { modelHeadline, modelWhy } from './model-why.js';

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
    expect(why && modelHeadline('ENTER', why)).toBe('BUY: p=0.64 > 0.60');
  });

  it('says which threshold an exit crossed, and a hold sits between them', () => {
    const exit = modelWhy({ model: 'm', p: 0.42, enterAbove: 0.6, exitBelow: 0.5 });
    expect(exit && modelHeadline('EXIT', exit)).toBe('SELL: p=0.42 < 0.50');
    expect(exit?.sentence).toBe('p=0.42 < 0.50 (exit)');
    const hold = modelWhy({ model: 'm', p: 0.55, enterAbove: 0.6, exitBelow: 0.5 });
    expect(hold && modelHeadline('HOLD', hold)).toBe('HOLD: p=0.55 between 0.50 and 0.60');
  });

  it('labels an undeclared feature with its raw id', () => {
    const why = modelWhy({ model: 'm', p: 0.7, 'contribution.mystery': 0.2 });
    expect(why?.contributions[0]).toMatchObject({
      feature: 'mystery',
      label: 'mystery',
      value: null,
    });
  });

  it('is null for a rule strategy', () => {
    expect(modelWhy({ close: 100, fast: 99, slow: 98 })).toBeNull();
  });
});
