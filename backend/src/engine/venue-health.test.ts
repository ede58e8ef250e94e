import type { VenueFeedState } from '@bytelyst/trading-contracts';
import { describe, expect, it } from 'vitest';
import { watchedConditions } from '../domain/alerts/conditions.js';
import type { InMemoryJournal } from './in-memory-journal.js';
import { makeProfile } from '../../test-support/engine/fixtures.js';
import { createHarness } from '../../test-support/engine/harness.js';

const quiet = {
  strategy: 'donchian-breakout' as const,
  params: { entryPeriod: 500, exitPeriod: 500 },
};

const feed = (over: Partial<VenueFeedState>): VenueFeedState => ({
  feed: 'localbinance:sandbox',
  venueId: 'localbinance',
  mode: 'stream',
  streamAnswered: true,
  silentSinceStart: false,
  outages: 0,
  gapsFilled: 0,
  pollErrors: 0,
  lastDataAt: null,
  problem: null,
  ...over,
});

/**
 * The engine's side of venue accounts and venue feeds: orders carry the account's tag, and a
 * tenant's bot state and health show the feeds of its accounts' venues (and only those).
 */
describe('venue tags and venue feed health in the engine', () => {
  function setup(feeds: VenueFeedState[]) {
    const h = createHarness({
      seed: 3,
      venues: {
        venueTagOf: (_tenant, accountId) =>
          Promise.resolve({ accountId, venueId: 'localbinance', label: 'Desk' }),
        venueFeeds: () => feeds,
      },
    });
    return h;
  }

  it('stamps each order with the account its profile trades on', async () => {
    const h = setup([]);
    await h.startTenant('t1', [
      makeProfile({ id: 'p-venue', tenantId: 't1', strategy: quiet, venueAccountId: 'va-1' }),
      makeProfile({ id: 'p-paper', tenantId: 't1', strategy: quiet }),
    ]);
    await h.run(3 * 60_000);
    for (const profileId of ['p-venue', 'p-paper']) {
      const placed = await h.engine.submitManualOrder({
        tenantId: 't1',
        userId: 'u1',
        requestId: `r-${profileId}`,
        body: {
          profileId,
          symbol: 'BTC-USD',
          side: 'BUY',
          type: 'MARKET',
          quantity: '0.01',
          reduceOnly: false,
        },
      });
      expect(placed.kind).toBe('placed');
    }
    const orders = [...(h.journal as InMemoryJournal).tables('t1').orders.values()];
    const venueOf = new Map(orders.map((o) => [o.profileId, o.venue]));
    expect(venueOf.get('p-venue')).toEqual({
      accountId: 'va-1',
      venueId: 'localbinance',
      label: 'Desk',
    });
    expect(venueOf.get('p-paper')).toEqual({ accountId: null, venueId: 'paper', label: 'Paper' });
    await h.engine.stop();
  });

  it("shows the tenant's venue feeds, degrades on a silent one and raises its alert", async () => {
    const silent = feed({
      mode: 'polling',
      streamAnswered: false,
      silentSinceStart: true,
      outages: 1,
      problem: 'localbinance stream has not answered since start: polling the REST API',
    });
    const other = feed({ feed: 'kraken:live', venueId: 'kraken' });
    const h = setup([silent, other]);
    await h.startTenant('t1', [
      makeProfile({ id: 'p-venue', tenantId: 't1', strategy: quiet, venueAccountId: 'va-1' }),
    ]);
    await h.startTenant('t2', [makeProfile({ id: 'p-paper', tenantId: 't2', strategy: quiet })]);
    await h.run(60_000);
    const state = h.engine.botState('t1');
    expect(state.venueFeeds).toEqual([silent]);
    expect(state.status).toBe('degraded');
    expect(state.degradedReasons).toContain(silent.problem);
    // A tenant on paper only has no venue feed and is not degraded by another venue's.
    expect(h.engine.botState('t2').venueFeeds).toEqual([]);
    expect(h.engine.botState('t2').status).toBe('running');

    const conditions = watchedConditions({
      now: h.clock.now(),
      instanceId: 'i-1',
      product: { status: null, receivedAt: h.clock.now(), maxAgeMs: 60_000 },
      tenants: h.engine.health().tenants,
      tenantsDisabled: [],
      marketStaleMs: 60_000,
      outageGraceMs: 30_000,
    });
    const feedAlerts = conditions.filter((c) => c.source.startsWith('outage:venue_feed:'));
    expect(feedAlerts).toEqual([
      expect.objectContaining({
        tenantId: 't1',
        source: 'outage:venue_feed:localbinance:sandbox',
        active: true,
        alert: expect.objectContaining({
          kind: 'outage',
          severity: 'warning',
          code: 'VENUE_FEED_SILENT',
        }),
      }),
    ]);
    await h.engine.stop();
  });
});
