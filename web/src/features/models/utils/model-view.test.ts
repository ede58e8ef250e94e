import type { ModelVersion } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { equityLine, importanceRows, modelStatus } from './model-view';

const version = (over: Partial<ModelVersion>) =>
  ({
    disabledAt: null,
    disabledReason: null,
    approvedAt: null,
    approvalNote: null,
    features: ['ret_5', 'rsi_14', 'vol_20'],
    importance: [0.1, 0.4, 0.2],
    ...over,
  }) as ModelVersion;

describe('model view', () => {
  it('says switched off before approved, with the reason', () => {
    const m = version({ approvedAt: 'x', disabledAt: 'y', disabledReason: 'drift' });
    expect(modelStatus(m)).toMatchObject({ label: 'switched off', detail: 'drift' });
    expect(modelStatus(version({ approvedAt: 'x' })).label).toBe('approved');
    expect(modelStatus(version({})).label).toBe('not approved');
  });

  it('orders importance largest first with descriptions and bar shares', () => {
    const rows = importanceRows(version({}));
    expect(rows.map((r) => r.feature)).toEqual(['rsi_14', 'vol_20', 'ret_5']);
    expect(rows.map((r) => r.share)).toEqual([1, 0.5, 0.25]);
    expect(rows[0]?.label).toMatch(/RSI/);
    expect(importanceRows(version({ importance: null }))).toEqual([]);
  });

  it('turns the equity points into rising chart seconds', () => {
    expect(
      equityLine([
        { at: 1_000, equity: 1 },
        { at: 1_500, equity: 2 },
        { at: 3_000, equity: 3 },
      ]),
    ).toEqual([
      { time: 1, value: 2 },
      { time: 3, value: 3 },
    ]);
  });
});
