import type { Portfolio } from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineEvents } from '../../engine/events.js';
import { createTestStore, uniqueId, type TestStore } from '../../../test-support/db.js';
import { makePosition } from '../../../test-support/fixtures.js';
import { makeProfile } from '../../../test-support/index.js';
import { PositionsView } from '../positions-view.js';
import { createPortfolio } from './index.js';

/**
 * Who gets a live `portfolio` push: only users with a socket open, and only when one of their
 * books changed (a price that moves nothing they hold sends nothing).
 */
describe('live portfolio pushes', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore('pglite');
  });
  afterAll(() => t?.cleanup());

  it('reach watching users only, and only when their books changed', async () => {
    const { store } = t;
    const tenantId = uniqueId('tenant');
    await store.ensureTenant({ id: tenantId, name: tenantId });
    const events = new EngineEvents();
    const positions = new PositionsView({ store, owns: () => true });
    events.on('event', (e) => positions.onEngineEvent(e));
    await positions.open(tenantId);
    const alice = makeProfile({ id: 'p-a', tenantId, userId: 'alice', symbols: ['BTC-USD'] });
    const bob = makeProfile({ id: 'p-b', tenantId, userId: 'bob', symbols: ['BTC-USD'] });
    for (const p of [alice, bob])
      events.emit('event', {
        name: 'position',
        tenantId,
        userId: p.userId,
        payload: makePosition({ tenantId, profileId: p.id }),
      });
    let now = Date.parse('2026-03-01T12:00:00.000Z');
    const books = createPortfolio({
      store,
      events,
      positions,
      instruments: [],
      prices: [],
      owns: () => true,
      owned: () => [tenantId],
      profiles: () => Promise.resolve([alice, bob]),
      now: () => now,
      staleAfterMs: 60_000,
      everyMs: 1000,
      settledBooks: () => new Map(),
    });
    const pushes: { userId: string; portfolio: Portfolio }[] = [];
    const watching = new Set(['alice']);
    const live = books.live((target, p) => pushes.push({ userId: target.userId, portfolio: p }), {
      watching: () => watching,
    });
    const stop = live.start();
    const tick = async (symbol: string, price: string) => {
      now += 1000;
      events.emit('price', { symbol, price, at: new Date(now).toISOString() });
      await live.idle();
    };
    try {
      await tick('BTC-USD', '64100');
      expect(pushes.map((p) => p.userId)).toEqual(['alice']);
      expect(pushes[0]?.portfolio.positions[0]?.markPrice).toBe('64100');

      await tick('ETH-USD', '3000'); // moves nothing Alice holds
      expect(pushes).toHaveLength(1);

      await tick('BTC-USD', '64200');
      expect(pushes.map((p) => p.userId)).toEqual(['alice', 'alice']);
      expect(pushes[1]?.portfolio.positions[0]?.markPrice).toBe('64200');
      // The push and REST answer the same figures.
      const rest = await books.portfolio.value(tenantId, [alice.id]);
      expect(rest.portfolio.account).toEqual(pushes[1]?.portfolio.account);

      watching.add('bob');
      await tick('BTC-USD', '64300');
      expect(
        pushes
          .slice(2)
          .map((p) => p.userId)
          .sort(),
      ).toEqual(['alice', 'bob']);
    } finally {
      stop();
    }
  });
});
