import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantScope } from '../../ports/store.js';
import { createTestStore, testStores, uniqueId, type TestStore } from '../../../test-support/db.js';
import { at, emptyBatch, makeTrade, newProfile } from '../../../test-support/fixtures.js';
import { PositionsView } from '../positions-view.js';
import { AnalyticsService } from './analytics-service.js';
import { MarkBook } from './mark-book.js';
import { PortfolioService } from './portfolio-service.js';

/**
 * Analytics per strategy count each trade under the strategy it was made under (recorded on the
 * trade), not the strategy its profile runs now; trades booked before that was recorded fall back
 * to the profile's strategy.
 */
describe.each(testStores())('analytics per strategy on %s', (driver) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(driver);
  });
  afterAll(() => t?.cleanup());

  it("counts a trade under the strategy it was made under, older ones under the profile's", async () => {
    const { store } = t;
    const tenantId = uniqueId('tenant');
    await store.ensureTenant({ id: tenantId, name: tenantId });
    const scope = tenantScope(tenantId);
    // The profile runs sma-cross now; its first trade was made while it ran rsi-reversion.
    const profile = await store.createProfile(scope, { id: uniqueId('p'), ...newProfile() });
    const owner = { tenantId, profileId: profile.id };
    await store.journal.commit(
      emptyBatch(tenantId, {
        trades: [
          makeTrade(owner, { closedAt: at(60_000), strategy: 'rsi-reversion' }),
          makeTrade(owner, { closedAt: at(120_000), strategy: 'sma-cross' }),
          makeTrade(owner, { closedAt: at(180_000), strategy: null }),
        ],
      }),
    );
    expect(
      (await store.tradesRange(scope, { onlyProfiles: [profile.id], limit: 10 })).map(
        (x) => x.strategy,
      ),
    ).toEqual(['rsi-reversion', 'sma-cross', null]);

    const now = Date.parse(at(3_600_000));
    const portfolio = new PortfolioService({
      store,
      positions: new PositionsView({ store, owns: () => false }),
      marks: new MarkBook([]),
      owns: () => false,
      now: () => now,
      staleAfterMs: 15_000,
    });
    const analytics = new AnalyticsService({
      store,
      portfolio,
      profiles: (id) => store.listProfiles(tenantScope(id)),
      now: () => now,
    });
    const a = await analytics.analytics(tenantId, {
      profileIds: [profile.id],
      query: { timeZone: 'UTC', from: at(0), to: at(3_600_000) },
    });
    const byStrategy = Object.fromEntries(a.byStrategy.map((s) => [s.strategy, s.trades]));
    expect(byStrategy).toEqual({ 'rsi-reversion': 1, 'sma-cross': 2 });
  });
});
