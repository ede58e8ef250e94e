import type { Alert, ProductStatus } from '@bytelyst/trading-contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, uniqueId, type TestStore } from '../../../test-support/db.js';
import { makeProfile } from '../../../test-support/engine/fixtures.js';
import { createHarness } from '../../../test-support/engine/harness.js';
import { productStatus } from '../../../test-support/backend-harness.js';
import { watchedConditions } from '../../domain/alerts/conditions.js';
import type { InMemoryJournal } from '../../engine/in-memory-journal.js';
import { silentPublisher } from '../publisher.js';
import { AlertService } from './alert-service.js';
import { ConditionWatcher } from './condition-watcher.js';

/**
 * Each alert source raises exactly one alert per occurrence: the engine's real tenant state
 * (venue reachability, market-data freshness) and the product status go through the pure
 * condition table and the watcher into a real store; two watchers stand for two instances.
 */
describe('condition alerts from the engine and the platform', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore('pglite');
  }, 60_000);
  afterAll(() => t.cleanup());

  it('raises one alert per outage, however often and by however many instances, and resolves it', async () => {
    const tenantId = uniqueId('t');
    await t.store.ensureTenant({ id: tenantId, name: tenantId });
    const h = createHarness({ seed: 5 });
    const profile = makeProfile({ id: uniqueId('p'), tenantId });
    expect((await h.startTenant(tenantId, [profile])).ok).toBe(true);
    await h.run(60_000);

    let status: ProductStatus | null = productStatus();
    // The last status heard: now, unless the platform went quiet at some time.
    let quietSince: number | null = null;
    let disabled = false;
    const alerts = new AlertService({ store: t.store, publisher: silentPublisher });
    const watcher = (instanceId: string) =>
      new ConditionWatcher({
        alerts,
        now: () => h.clock.now(),
        conditions: () =>
          watchedConditions({
            now: h.clock.now(),
            instanceId,
            product: { status, receivedAt: quietSince ?? h.clock.now(), maxAgeMs: 15_000 },
            tenants: h.engine.health().tenants.map((x) => ({ ...x, tenantId })),
            tenantsDisabled: [{ tenantId, disabled }],
            marketStaleMs: 60_000,
            outageGraceMs: 30_000,
          }),
      });
    const [a, b] = [watcher('i-a'), watcher('i-b')];
    const tickBoth = async () => {
      await a.tick();
      await b.tick();
    };
    const ofTenant = async () =>
      (await t.store.listAlerts({ tenantId }, { limit: 500 })).items.filter(
        (x) => x.tenantId === tenantId,
      );
    const codes = (list: Alert[], state?: Alert['state']) =>
      list
        .filter((x) => !state || x.state === state)
        .map((x) => x.code)
        .sort();

    await tickBoth();
    expect(await ofTenant()).toEqual([]);

    // The venue stops answering: an order fails with a 503 and the loop marks it unreachable.
    h.exchange.injectFault('http-5xx');
    await h.engine.submitManualOrder({
      tenantId,
      userId: profile.userId,
      body: {
        profileId: profile.id,
        symbol: 'BTC-USD',
        side: 'BUY',
        type: 'MARKET',
        quantity: '0.01',
        reduceOnly: false,
      },
      requestId: 'r1',
    });
    expect(h.engine.health().tenants[0]?.venueUnreachable).toBe(true);
    await tickBoth();
    // Within the grace period: nothing yet.
    expect(await ofTenant()).toEqual([]);
    h.clock.advance(31_000);
    await tickBoth();
    await tickBoth();
    expect(codes(await ofTenant(), 'open')).toEqual(['VENUE_OUTAGE']);

    // It answers again (the loop's probe): the alert is resolved by the system.
    await h.run(10_000);
    expect(h.engine.health().tenants[0]?.venueUnreachable).toBe(false);
    await tickBoth();
    const [resolved] = await ofTenant();
    expect(resolved).toMatchObject({
      code: 'VENUE_OUTAGE',
      state: 'resolved',
      resolvedBy: 'system',
    });

    // Market data stops: one DATA_OUTAGE after the grace period, resolved when ticks return.
    h.clock.advance(61_000);
    await tickBoth();
    h.clock.advance(31_000);
    await tickBoth();
    await tickBoth();
    expect(codes(await ofTenant(), 'open')).toEqual(['DATA_OUTAGE']);
    expect((await ofTenant()).find((x) => x.code === 'DATA_OUTAGE')?.message).toContain('BTC-USD');
    await h.run(10_000);
    await tickBoth();
    expect(codes(await ofTenant(), 'open')).toEqual([]);

    // A second venue outage is a new occurrence: a second alert.
    h.exchange.injectFault('http-5xx');
    await h.engine.submitManualOrder({
      tenantId,
      userId: profile.userId,
      body: {
        profileId: profile.id,
        symbol: 'BTC-USD',
        side: 'BUY',
        type: 'MARKET',
        quantity: '0.01',
        reduceOnly: false,
      },
      requestId: 'r2',
    });
    await tickBoth();
    h.clock.advance(31_000);
    await tickBoth();
    expect(codes(await ofTenant())).toEqual(['DATA_OUTAGE', 'VENUE_OUTAGE', 'VENUE_OUTAGE']);

    // The tenant is disabled: one control_change, resolved when it is enabled again.
    disabled = true;
    await tickBoth();
    await tickBoth();
    expect(codes(await ofTenant(), 'open')).toEqual(['TENANT_DISABLED', 'VENUE_OUTAGE']);
    disabled = false;
    await tickBoth();
    expect(codes(await ofTenant(), 'open')).toEqual(['VENUE_OUTAGE']);

    // System-wide: the kill switch and maintenance at once (no grace), one alert each for both
    // instances; the platform going quiet is per instance (each names itself).
    const system = async () =>
      (await t.store.listAlerts({ tenantId }, { limit: 500 })).items.filter(
        (x) => x.tenantId === null && x.createdAt >= new Date(HARNESS_SINCE).toISOString(),
      );
    const HARNESS_SINCE = h.clock.now();
    status = productStatus({
      enabled: false,
      maintenance: { active: true, message: 'Upgrade', expectedEndAt: null },
    });
    await tickBoth();
    await tickBoth();
    expect(codes(await system(), 'open')).toEqual(['KILL_SWITCH_ON', 'MAINTENANCE_ON']);
    expect((await system()).map((x) => x.kind)).toEqual(['control_change', 'control_change']);
    status = productStatus();
    await tickBoth();
    expect(codes(await system(), 'open')).toEqual([]);

    quietSince = h.clock.now() - 60_000;
    await tickBoth();
    h.clock.advance(31_000);
    await tickBoth();
    await tickBoth();
    const platform = (await system()).filter((x) => x.code === 'PLATFORM_UNREACHABLE');
    expect(platform.map((x) => x.message.split(' ')[1]).sort()).toEqual(['i-a', 'i-b']);
    quietSince = null;
    await tickBoth();
    expect(codes(await system(), 'open')).toEqual([]);
    await a.stop();
    await b.stop();
    await a.stop();
    await h.engine.stop();
  }, 60_000);
});

describe('fill alerts', () => {
  it('raises one resolved info alert of kind fill per booked fill, only when switched on', async () => {
    const fast = {
      strategy: 'sma-cross' as const,
      params: { fastPeriod: 2, slowPeriod: 5, kind: 'sma' as const },
    };
    const risk = { cooldownAfterLossMs: 0, maxDailyLoss: '100000', maxDrawdownPct: '0.9' };
    for (const fillAlerts of [true, false]) {
      const h = createHarness({ seed: 11, config: { fillAlerts } });
      await h.startTenant('t1', [makeProfile({ id: 'p1', tenantId: 't1', strategy: fast, risk })]);
      await h.run(3 * 3_600_000);
      const tables = (h.journal as InMemoryJournal).tables('t1');
      const fills = [...tables.fills.values()];
      const alerts = tables.alerts.filter((a) => a.code === 'ORDER_FILLED');
      expect(fills.length).toBeGreaterThan(2);
      if (!fillAlerts) {
        expect(alerts).toEqual([]);
        await h.engine.stop();
        continue;
      }
      expect(alerts.length).toBe(fills.length);
      expect(new Set(alerts.map((a) => a.id)).size).toBe(fills.length);
      for (const a of alerts)
        expect(a).toMatchObject({
          kind: 'fill',
          severity: 'info',
          state: 'resolved',
          resolvedBy: 'system',
          profileId: 'p1',
        });
      expect(alerts[0]?.message).toMatch(/^(BUY|SELL) [\d.]+ BTC-USD at [\d.]+ filled/);
      await h.engine.stop();
    }
  }, 60_000);
});
