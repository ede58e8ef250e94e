import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, TradingProfile } from '@bytelyst/trading-contracts';
import { tenantScope, type Store, type TenantScope } from '../../ports/store.js';
import { MIGRATIONS } from './migrations/index.js';
import { createTestStore, testStores, uniqueId, type TestStore } from '../../../test-support/db.js';
import {
  emptyBatch,
  makeDecision,
  makeEquity,
  makeOrder,
  makePosition,
  makeTrade,
  at,
  newProfile,
} from '../../../test-support/fixtures.js';

const OPEN_ALERT = {
  kind: 'other',
  state: 'open',
  acknowledged: false,
  acknowledgedBy: null,
  acknowledgedAt: null,
  resolvedBy: null,
  resolvedAt: null,
} as const;

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'resolved';
};

describe.each(testStores())('store on %s', (driver) => {
  let t: TestStore;
  let store: Store;
  let scope: TenantScope;

  beforeAll(async () => {
    t = await createTestStore(driver);
    store = t.store;
  });
  afterAll(() => t?.cleanup());

  const newTenant = async (): Promise<TenantScope> => {
    const id = uniqueId('tenant');
    await store.ensureTenant({ id, name: `Tenant ${id}` });
    return tenantScope(id);
  };

  describe('migrations and health', () => {
    it('is at the latest schema and re-running migrations applies nothing', async () => {
      const latest = MIGRATIONS.at(-1)?.version;
      expect(await store.healthCheck()).toMatchObject({ ok: true, driver, schemaVersion: latest });
      expect(await store.migrate()).toEqual({ applied: [], current: latest });
    });
  });

  describe('tenants', () => {
    it('ensures idempotently, lists and disables', async () => {
      const id = uniqueId('tenant');
      const a = await store.ensureTenant({ id, name: 'Acme' });
      const b = await store.ensureTenant({ id, name: 'renamed is ignored' });
      expect(b).toEqual(a);
      expect((await store.listTenants()).map((x) => x.id)).toContain(id);
      expect(await store.setTenantDisabled({ tenantId: id, disabled: true })).toMatchObject({
        disabled: true,
      });
      expect(await codeOf(store.setTenantDisabled({ tenantId: 'nope', disabled: true }))).toBe(
        'NOT_FOUND',
      );
    });
  });

  describe('profiles', () => {
    beforeAll(async () => {
      scope = await newTenant();
    });

    it('creates a profile that parses as the contract and keeps decimals exact', async () => {
      const p = await store.createProfile(scope, newProfile({ capitalAllocation: '12345.670' }));
      expect(() => TradingProfile.parse(p)).not.toThrow();
      expect(p).toMatchObject({ tenantId: scope.tenantId, version: 1, mode: 'RUNNING' });
      expect(p.capitalAllocation).toBe('12345.670');
      expect(await store.getProfile(scope, p.id)).toEqual(p);
    });

    it('updates with optimistic concurrency and refuses a stale version', async () => {
      const p = await store.createProfile(scope, newProfile());
      const { before, after } = await store.updateProfile(scope, {
        id: p.id,
        expectedVersion: 1,
        patch: { name: 'Renamed', symbols: ['ETH-USD', 'BTC-USD'] },
      });
      expect(before?.name).toBe('BTC trend');
      expect(after).toMatchObject({ name: 'Renamed', symbols: ['ETH-USD', 'BTC-USD'], version: 2 });
      expect(
        await codeOf(store.updateProfile(scope, { id: p.id, expectedVersion: 1, patch: {} })),
      ).toBe('VERSION_CONFLICT');
      expect(
        await codeOf(store.updateProfile(scope, { id: 'missing', expectedVersion: 1, patch: {} })),
      ).toBe('NOT_FOUND');
    });

    it('enables, disables and soft-deletes', async () => {
      const p = await store.createProfile(scope, newProfile({ enabled: false }));
      const { after } = await store.setProfileEnabled(scope, { id: p.id, enabled: true });
      expect(after).toMatchObject({ enabled: true, version: 2 });
      expect(
        await codeOf(
          store.setProfileEnabled(scope, { id: p.id, enabled: false, expectedVersion: 1 }),
        ),
      ).toBe('VERSION_CONFLICT');
      await store.deleteProfile(scope, { id: p.id, expectedVersion: 2 });
      expect(await store.getProfile(scope, p.id)).toBeNull();
      expect((await store.listProfiles(scope)).map((x) => x.id)).not.toContain(p.id);
    });

    it('refuses to delete a profile with an open position', async () => {
      const p = await store.createProfile(scope, newProfile());
      await store.journal.commit(
        emptyBatch(scope.tenantId, {
          positions: [makePosition({ tenantId: scope.tenantId, profileId: p.id })],
        }),
      );
      expect(await codeOf(store.deleteProfile(scope, { id: p.id }))).toBe('CONFLICT');
    });

    it('lists by user and enabled, and never across tenants', async () => {
      const other = await newTenant();
      const mine = await store.createProfile(scope, newProfile({ userId: 'alice' }));
      await store.createProfile(other, newProfile({ userId: 'alice' }));
      const listed = await store.listProfiles(scope, { userId: 'alice' });
      expect(listed.map((x) => x.id)).toEqual([mine.id]);
      expect(await store.getProfile(other, mine.id)).toBeNull();
      expect((await store.listProfiles(scope, { enabled: false })).every((x) => !x.enabled)).toBe(
        true,
      );
    });

    it('summarises equity and PnL from positions and snapshots', async () => {
      const s = await newTenant();
      const p = await store.createProfile(s, newProfile({ capitalAllocation: '1000' }));
      const owner = { tenantId: s.tenantId, profileId: p.id };
      const [none] = await store.listProfileSummaries(s);
      expect(none).toMatchObject({ equity: '1000', realizedPnl: '0', openPositions: 0 });
      await store.journal.commit(
        emptyBatch(s.tenantId, {
          positions: [
            makePosition(owner, { realizedPnl: '2.50', unrealizedPnl: '-1.25' }),
            makePosition(owner, {
              symbol: 'ETH-USD',
              quantity: '0',
              realizedPnl: '0.50',
              unrealizedPnl: '0',
            }),
          ],
        }),
      );
      const [summary] = await store.listProfileSummaries(s);
      expect(summary).toMatchObject({
        equity: '1001.75',
        realizedPnl: '3',
        unrealizedPnl: '-1.25',
        openPositions: 1,
      });
      await store.journal.commit(
        emptyBatch(s.tenantId, { equitySnapshots: [makeEquity(owner, { equity: '999.99' })] }),
      );
      expect((await store.listProfileSummaries(s))[0]?.equity).toBe('999.99');
    });
  });

  describe('history lists', () => {
    it('pages orders newest first with a stable opaque cursor and filters', async () => {
      const s = await newTenant();
      const owner = { tenantId: s.tenantId, profileId: 'p1' };
      // Two orders share a timestamp so the id tiebreak is exercised.
      const orders = [0, 1, 2, 2, 3, 4, 5].map((i, n) =>
        makeOrder(owner, {
          createdAt: at(i * 1000),
          updatedAt: at(i * 1000),
          status: n % 2 === 0 ? 'FILLED' : 'CANCELLED',
          symbol: n === 6 ? 'ETH-USD' : 'BTC-USD',
        }),
      );
      await store.journal.commit(emptyBatch(s.tenantId, { orders }));
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pageNo = 0; pageNo < 10; pageNo += 1) {
        const page = await store.listOrders(s, { limit: 3, cursor });
        seen.push(...page.items.map((o) => o.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const expected = [...orders]
        .sort((a, b) =>
          a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
        )
        .map((o) => o.id);
      expect(seen).toEqual(expected);
      const filled = await store.listOrders(s, { status: 'FILLED' });
      expect(filled.items.every((o) => o.status === 'FILLED')).toBe(true);
      expect(filled.items).toHaveLength(4);
      expect((await store.listOrders(s, { symbol: 'ETH-USD' })).items).toHaveLength(1);
      expect(await codeOf(store.listOrders(s, { cursor: 'garbage' }))).toBe('VALIDATION_FAILED');
      const other = await newTenant();
      expect((await store.listOrders(other)).items).toEqual([]);
    });

    it("fills a user's page with their own rows however many a colleague has", async () => {
      const s = await newTenant();
      const mine = { tenantId: s.tenantId, profileId: 'p-mine' };
      const theirs = { tenantId: s.tenantId, profileId: 'p-theirs' };
      // The colleague's rows are the newest: a page read first and filtered after would be empty.
      const decisions = [
        ...[0, 1, 2].map((i) => makeDecision(mine, { action: 'ENTER', createdAt: at(i) })),
        ...Array.from({ length: 10 }, (_, i) =>
          makeDecision(theirs, { action: 'ENTER', createdAt: at(1_000 + i) }),
        ),
      ];
      await store.journal.commit(emptyBatch(s.tenantId, { decisions }));
      const page = await store.listDecisions(s, { limit: 2, onlyProfiles: ['p-mine'] });
      expect(page.items.map((d) => d.profileId)).toEqual(['p-mine', 'p-mine']);
      const next = await store.listDecisions(s, {
        limit: 2,
        onlyProfiles: ['p-mine'],
        cursor: page.nextCursor ?? undefined,
      });
      expect(next.items.map((d) => d.profileId)).toEqual(['p-mine']);
      expect((await store.listDecisions(s, { onlyProfiles: [] })).items).toEqual([]);
      expect((await store.listDecisions(s, { onlyProfiles: null })).items).toHaveLength(13);
      // Alerts: a user also sees the tenant-wide ones (no profile).
      await store.journal.commit(
        emptyBatch(s.tenantId, {
          alerts: [
            {
              id: uniqueId('a'),
              tenantId: s.tenantId,
              profileId: 'p-theirs',
              severity: 'warning',
              code: 'X',
              message: 'theirs',
              ...OPEN_ALERT,
              createdAt: at(0),
            },
            {
              id: uniqueId('a'),
              tenantId: s.tenantId,
              profileId: null,
              severity: 'info',
              code: 'Y',
              message: 'everyone',
              ...OPEN_ALERT,
              createdAt: at(0),
            },
          ],
        }),
      );
      const alerts = await store.listAlerts(s, { onlyProfiles: ['p-mine'] });
      expect(alerts.items.map((a) => a.message)).toEqual(['everyone']);
    });

    it("pages the operator's cross-tenant feeds through every tenant", async () => {
      const a = await newTenant();
      const b = await newTenant();
      const mk = (s: TenantScope, i: number) =>
        makeDecision(
          { tenantId: s.tenantId, profileId: 'p1' },
          { action: 'ENTER', createdAt: at(i) },
        );
      const batchA = [0, 2, 4].map((i) => mk(a, 10_000_000 + i));
      const batchB = [1, 3, 5].map((i) => mk(b, 10_000_000 + i));
      await store.journal.commit(emptyBatch(a.tenantId, { decisions: batchA }));
      await store.journal.commit(emptyBatch(b.tenantId, { decisions: batchB }));
      const ours = new Set([...batchA, ...batchB].map((d) => d.id));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.admin.listDecisionsAcrossTenants({ limit: 2, cursor });
        seen.push(...page.items.filter((d) => ours.has(d.id)).map((d) => d.tenantId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      // Newest first, alternating tenants: one keyset order over both, every row once.
      expect(seen).toEqual([b, a, b, a, b, a].map((s) => s.tenantId));
      const entries = [
        makeOrder(
          { tenantId: a.tenantId, profileId: 'p1' },
          { reduceOnly: false, createdAt: at(20_000_000) },
        ),
        makeOrder(
          { tenantId: a.tenantId, profileId: 'p1' },
          { reduceOnly: true, createdAt: at(20_000_001) },
        ),
      ];
      await store.journal.commit(emptyBatch(a.tenantId, { orders: entries }));
      const page = await store.admin.listEntriesAcrossTenants({ limit: 500 });
      const ids = page.items.map((o) => o.id);
      expect(ids).toContain(entries[0]?.id);
      expect(ids).not.toContain(entries[1]?.id);
    });

    it('lists decisions by action and prunes only old HOLDs', async () => {
      const s = await newTenant();
      const owner = { tenantId: s.tenantId, profileId: 'p1' };
      const decisions = [
        makeDecision(owner, { action: 'HOLD', createdAt: at(0) }),
        makeDecision(owner, { action: 'HOLD', createdAt: at(10_000) }),
        makeDecision(owner, { action: 'ENTER', createdAt: at(0) }),
        makeDecision(owner, {
          action: 'BLOCKED',
          createdAt: at(0),
          controlReasons: ['GLOBAL_PAUSED'],
        }),
      ];
      await store.journal.commit(emptyBatch(s.tenantId, { decisions }));
      expect((await store.listDecisions(s, { action: 'HOLD' })).items).toHaveLength(2);
      const blocked = await store.getDecision(s, decisions[3]?.id ?? '');
      expect(blocked).toEqual(decisions[3]);
      expect(await store.pruneHoldDecisions({ before: at(5_000), tenantId: s.tenantId })).toBe(1);
      const left = (await store.listDecisions(s)).items.map((d) => d.action).sort();
      expect(left).toEqual(['BLOCKED', 'ENTER', 'HOLD']);
    });

    it('lists trades, ledger, equity and positions for the tenant', async () => {
      const s = await newTenant();
      const owner = { tenantId: s.tenantId, profileId: 'p9' };
      await store.journal.commit(
        emptyBatch(s.tenantId, {
          trades: [makeTrade(owner), makeTrade(owner, { symbol: 'ETH-USD' })],
          equitySnapshots: [makeEquity(owner), makeEquity(owner, { at: at(1000) })],
          positions: [
            makePosition(owner),
            makePosition(owner, { symbol: 'ETH-USD', quantity: '0' }),
          ],
        }),
      );
      expect((await store.listTrades(s, { symbol: 'ETH-USD' })).items).toHaveLength(1);
      const equity = await store.listEquity(s, { profileId: 'p9', limit: 1 });
      expect(equity.items[0]?.at).toBe(at(1000));
      expect(equity.nextCursor).not.toBeNull();
      const next = await store.listEquity(s, { profileId: 'p9', cursor: equity.nextCursor ?? '' });
      expect(next.items.map((e) => e.at)).toEqual([at(0)]);
      // Incremental: only what came after the newest the client holds (exclusive).
      const tail = await store.listEquity(s, { profileId: 'p9', since: at(0) });
      expect(tail.items.map((e) => e.at)).toEqual([at(1000)]);
      expect((await store.listEquity(s, { since: at(1000) })).items).toEqual([]);
      expect(await store.listPositions(s, { openOnly: true })).toHaveLength(1);
      expect(await store.listPositions(s)).toHaveLength(2);
    });
  });

  describe('alerts', () => {
    it('creates, lists (own + system-wide) and acknowledges', async () => {
      const s = await newTenant();
      const a = await store.createAlert(s, {
        profileId: null,
        severity: 'warning',
        code: 'MARKET_DATA_STALE',
        message: 'no ticks for 20 s',
      });
      await store.journal.commit(
        emptyBatch(s.tenantId, {
          alerts: [
            {
              id: uniqueId('alert'),
              tenantId: null,
              profileId: null,
              severity: 'critical',
              code: 'EXCHANGE_UNREACHABLE',
              message: 'exchange down',
              ...OPEN_ALERT,
              createdAt: at(0),
            },
          ],
        }),
      );
      const listed = await store.listAlerts(s);
      expect(listed.items.map((x) => x.code)).toEqual(
        expect.arrayContaining(['MARKET_DATA_STALE', 'EXCHANGE_UNREACHABLE']),
      );
      expect(await store.acknowledgeAlert(s, a.id)).toMatchObject({ acknowledged: true });
      const other = await newTenant();
      expect(await codeOf(store.acknowledgeAlert(other, a.id))).toBe('NOT_FOUND');
    });

    it('records who acknowledged and resolved, filters by state, kind and severity, counts', async () => {
      const s = await newTenant();
      // System-wide alerts other tests wrote are visible to every tenant: count from a baseline.
      const base = await store.countOpenAlerts(s);
      const mk = (code: string, severity: 'info' | 'warning' | 'critical', profileId = 'p1') =>
        store.createAlert(s, { profileId, severity, code, message: code });
      const halt = await mk('MAX_DRAWDOWN_HALT', 'critical');
      const rejected = await mk('ORDER_NOT_PLACED', 'warning');
      await mk('ORDER_NOT_PLACED', 'info', 'p2');
      expect(halt.kind).toBe('drawdown');
      expect(await store.countOpenAlerts(s)).toEqual({
        open: base.open + 3,
        bySeverity: {
          info: base.bySeverity.info + 1,
          warning: base.bySeverity.warning + 1,
          critical: base.bySeverity.critical + 1,
        },
      });
      expect(await store.countOpenAlerts(s, { onlyProfiles: ['p1'] })).toMatchObject({
        open: base.open + 2,
      });

      const acked = await store.changeAlert(s, { id: halt.id, action: 'acknowledge', by: 'u1' });
      expect(acked.before.state).toBe('open');
      expect(acked.after).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'u1' });
      const resolved = await store.changeAlert(s, { id: halt.id, action: 'resolve', by: 'u2' });
      // The first acknowledgement is kept; resolving records its own who and when.
      expect(resolved.after).toMatchObject({
        state: 'resolved',
        acknowledgedBy: 'u1',
        resolvedBy: 'u2',
      });
      expect(resolved.after.resolvedAt).not.toBeNull();
      // A user may not touch another profile's alert.
      const refused = store.changeAlert(s, {
        id: rejected.id,
        action: 'resolve',
        by: 'u3',
        onlyProfiles: ['p2'],
      });
      expect(await codeOf(refused)).toBe('NOT_FOUND');

      const codes = async (filter: Parameters<Store['listAlerts']>[1]) =>
        (await store.listAlerts(s, filter)).items
          .filter((a) => a.tenantId !== null)
          .map((a) => `${a.code}/${a.severity}`)
          .sort();
      expect(await codes({ state: 'resolved' })).toEqual(['MAX_DRAWDOWN_HALT/critical']);
      expect(await codes({ state: 'open', kind: 'order_rejected' })).toEqual([
        'ORDER_NOT_PLACED/info',
        'ORDER_NOT_PLACED/warning',
      ]);
      expect(await codes({ severity: 'warning' })).toEqual(['ORDER_NOT_PLACED/warning']);
      expect((await store.countOpenAlerts(s)).bySeverity.critical).toBe(base.bySeverity.critical);
    });
  });

  describe('tenant scope', () => {
    it('is required by every tenant-owned read and write (checked by tsc)', () => {
      // Never called: these lines exist for the type checker, which fails the build if a
      // tenant-owned query could be written without a scope.
      const typeOnly = (s: Store) => [
        // @ts-expect-error a tenant scope is required
        s.listOrders(),
        // @ts-expect-error a tenant scope is required
        s.getProfile('profile-id'),
        // @ts-expect-error a tenant scope is required, not a bare tenant id
        s.listDecisions('tenant-id'),
        // @ts-expect-error a tenant scope is required
        s.claimIdempotencyKey({ userId: 'u', key: 'k', requestHash: 'h' }),
      ];
      expect(typeof typeOnly).toBe('function');
    });
  });

  describe('transactions', () => {
    it('rolls back every write of a failed withTransaction', async () => {
      const s = await newTenant();
      const err = await codeOf(
        store.withTransaction(async (tx) => {
          await tx.createProfile(s, newProfile({ id: 'rolled-back' }));
          await tx.updateProfile(s, { id: 'rolled-back', expectedVersion: 9, patch: {} });
        }),
      );
      expect(err).toBe('VERSION_CONFLICT');
      expect(await store.getProfile(s, 'rolled-back')).toBeNull();
    });

    it('commits a successful one, and nested calls join it', async () => {
      const s = await newTenant();
      await store.withTransaction(async (tx) => {
        await tx.createProfile(s, newProfile({ id: 'kept' }));
        await tx.withTransaction((inner) =>
          inner.updateProfile(s, { id: 'kept', expectedVersion: 1, patch: { name: 'Kept' } }),
        );
      });
      expect(await store.getProfile(s, 'kept')).toMatchObject({ name: 'Kept', version: 2 });
    });
  });
});
