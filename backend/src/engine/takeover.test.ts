import { describe, expect, it } from 'vitest';
import type { InMemoryJournal } from './in-memory-journal.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { createHarness } from '../../test-support/engine/harness.js';

const quiet = {
  strategy: 'donchian-breakout' as const,
  params: { entryPeriod: 500, exitPeriod: 500 },
};

describe('takeover', () => {
  it('a market event while the tenant is starting queues no second reconciliation (one audit row)', async () => {
    const h = createHarness({ seed: 3 });
    const started = h.startTenant('t1', [
      makeProfile({ id: 'pa', tenantId: 't1', strategy: quiet }),
    ]);
    // Market events arrive while startTenant waits for the venue connection.
    h.clock.advance(120_000);
    h.market.advanceTo(h.clock.now());
    expect((await started).ok).toBe(true);
    await h.run(60_000);
    const runs = (h.journal as InMemoryJournal)
      .tables('t1')
      .audit.filter((a) => a.action === 'reconciliation.run');
    expect(runs).toHaveLength(1);
  });
});
