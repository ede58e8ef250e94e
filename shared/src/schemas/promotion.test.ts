import { describe, expect, it } from 'vitest';
import { PromotionPolicyFields, PutPromotionPolicyBody, rampUpPositionAt } from './promotion.js';

const DAY = 86_400_000;
const start = Date.parse('2026-12-01T00:00:00.000Z');
const ramp = {
  startedAt: new Date(start).toISOString(),
  steps: [
    { fromDay: 0, maxOrderNotional: '100' },
    { fromDay: 3, maxOrderNotional: '500' },
  ],
  fullAfterDays: 7,
};

describe('ramp-up position', () => {
  it('names the step in force and the day the cap next changes', () => {
    expect(rampUpPositionAt(ramp, start)).toEqual({
      day: 0,
      step: ramp.steps[0],
      nextChangeDay: 3,
    });
    expect(rampUpPositionAt(ramp, start + 4 * DAY)).toEqual({
      day: 4,
      step: ramp.steps[1],
      nextChangeDay: 7,
    });
    expect(rampUpPositionAt(ramp, start + 7 * DAY)).toEqual({
      day: 7,
      step: null,
      nextChangeDay: null,
    });
  });

  it('never changes after the ramp-up ends, even with a later step', () => {
    const short = { ...ramp, fullAfterDays: 2 };
    expect(rampUpPositionAt(short, start + DAY).nextChangeDay).toBe(2);
  });
});

describe('promotion policy', () => {
  it('reads a stored policy without return or drawdown bounds as unbounded', () => {
    const old = {
      minPaperDays: 7,
      minTrades: 5,
      recordDays: 30,
      rampUp: [{ fromDay: 0, maxOrderNotional: '100' }],
      fullAfterDays: 7,
    };
    expect(PromotionPolicyFields.parse(old)).toMatchObject({
      minReturnPct: null,
      maxDrawdownPct: null,
    });
  });

  it('refuses steps out of order, a first step after day 0, and a drawdown over 100 %', () => {
    const body = {
      minPaperDays: 0,
      minTrades: 1,
      recordDays: 30,
      rampUp: [{ fromDay: 0, maxOrderNotional: '100' }],
      fullAfterDays: 7,
      reason: 'desk opens',
    };
    expect(PutPromotionPolicyBody.safeParse(body).success).toBe(true);
    const bad = (patch: object) => PutPromotionPolicyBody.safeParse({ ...body, ...patch }).success;
    expect(bad({ rampUp: [{ fromDay: 1, maxOrderNotional: '100' }] })).toBe(false);
    expect(
      bad({
        rampUp: [
          { fromDay: 0, maxOrderNotional: '100' },
          { fromDay: 0, maxOrderNotional: '200' },
        ],
      }),
    ).toBe(false);
    expect(bad({ maxDrawdownPct: 101 })).toBe(false);
    expect(bad({ rampUp: [{ fromDay: 0, maxOrderNotional: '0' }] })).toBe(false);
  });
});
