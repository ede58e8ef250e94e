import { describe, expect, it } from 'vitest';
import { TestClock } from '../ports/clock.js';
import type { JournalBatch, TradingJournal } from '../ports/journal.js';
import { InMemoryJournal } from './in-memory-journal.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { HARNESS_START, createHarness } from '../../test-support/engine/harness.js';

/** Records every batch with the clock time it was committed at. */
const recording = (clockNow: () => number) => {
  const inner = new InMemoryJournal();
  const batches: { at: number; batch: JournalBatch }[] = [];
  const journal: TradingJournal = {
    commit: async (batch) => {
      batches.push({ at: clockNow(), batch });
      await inner.commit(batch);
    },
    load: (tenantId, options) => inner.load(tenantId, options),
    findOrder: (tenantId, clientOrderId) => inner.findOrder(tenantId, clientOrderId),
  };
  return { inner, journal, batches };
};

describe('HOLD decisions', () => {
  it('are written after the candle, never in a commit that carries an order, and none is lost', async () => {
    const clock = new TestClock(HARNESS_START);
    const rec = recording(() => clock.now());
    const h = createHarness({
      seed: 11,
      clock,
      journal: rec.journal,
      config: { persistHoldDecisions: true, holdWriteDelayMs: 1_000 },
    });
    const profiles = [
      makeProfile({
        id: 'busy',
        tenantId: 't1',
        strategy: { strategy: 'sma-cross', params: { fastPeriod: 2, slowPeriod: 5, kind: 'sma' } },
        risk: { cooldownAfterLossMs: 0, maxDailyLoss: '100000', maxDrawdownPct: '0.9' },
      }),
      makeProfile({
        id: 'quiet',
        tenantId: 't1',
        strategy: { strategy: 'donchian-breakout', params: { entryPeriod: 500, exitPeriod: 500 } },
      }),
    ];
    for (const p of profiles) rec.inner.putProfile(p);
    await h.engine.startTenant('t1', { epoch: 1 });
    await h.run(3 * 3_600_000);
    await h.engine.stop();

    const withOrders = rec.batches.filter((b) => b.batch.orders.length > 0);
    const withHolds = rec.batches.filter((b) => b.batch.decisions.some((d) => d.action === 'HOLD'));
    expect(withOrders.length).toBeGreaterThan(4);
    expect(withHolds.length).toBeGreaterThan(10);
    for (const { at, batch } of withHolds) {
      // HOLD commits hold HOLD decisions only, and come at least the delay after the oldest.
      expect(batch.orders).toEqual([]);
      expect(batch.decisions.every((d) => d.action === 'HOLD')).toBe(true);
      const oldest = Math.min(...batch.decisions.map((d) => Date.parse(d.createdAt)));
      const last = rec.batches.at(-1);
      if (last?.batch !== batch) expect(at - oldest).toBeGreaterThanOrEqual(1_000);
    }
    // Every HOLD the engine counted is stored once; the tenant's stop wrote the last ones.
    const stored = rec.batches.flatMap((b) => b.batch.decisions).filter((d) => d.action === 'HOLD');
    expect(stored.length).toBe(h.engine.stats.decisions.HOLD);
    expect(new Set(stored.map((d) => d.id)).size).toBe(stored.length);
    expect(stored.some((d) => d.profileId === 'quiet')).toBe(true);
    expect(rec.batches.at(-1)?.batch.decisions.every((d) => d.action === 'HOLD')).toBe(true);
  });
});
