import { DEFAULT_PROMOTION_POLICY } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { draftChanged, draftOf, parseDraft } from './promotion-policy-draft';

const stored = { ...DEFAULT_PROMOTION_POLICY, updatedAt: null, updatedBy: null };

describe('promotion policy draft', () => {
  it('round-trips the stored policy and sends it with the reason', () => {
    const d = { ...draftOf(stored), reason: 'first live desk' };
    expect(draftChanged(d, stored)).toBe(false);
    const r = parseDraft(d);
    expect(r).toEqual({
      ok: true,
      body: { ...DEFAULT_PROMOTION_POLICY, reason: 'first live desk' },
    });
  });

  it('reads blank bounds as none and typed ones as numbers', () => {
    const d = { ...draftOf(stored), minReturnPct: '-1.5', maxDrawdownPct: '', reason: 'tighter' };
    const r = parseDraft(d);
    expect(r.ok && r.body.minReturnPct).toBe(-1.5);
    expect(r.ok && r.body.maxDrawdownPct).toBeNull();
    expect(draftChanged(d, stored)).toBe(true);
  });

  it('names the field of each problem, from the shared schema', () => {
    const r = parseDraft({
      ...draftOf(stored),
      minTrades: 'five',
      maxDrawdownPct: '120',
      rampUp: [
        { fromDay: '1', maxOrderNotional: '100' },
        { fromDay: '3', maxOrderNotional: '-5' },
      ],
      reason: '',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.issues).sort()).toEqual(
      ['maxDrawdownPct', 'minTrades', 'rampUp', 'rampUp.1.maxOrderNotional', 'reason'].sort(),
    );
    expect(r.issues.rampUp).toBe('the first step must start on day 0');
  });
});
