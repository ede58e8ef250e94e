import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@bytelyst/trading-contracts';
import {
  createTestStore,
  testDatabaseUrl,
  uniqueId,
  type TestStore,
} from '../../../test-support/db.js';
import { emptyBatch, makeOrder } from '../../../test-support/fixtures.js';
import { createLeaseManager } from './index.js';
import { LeaseManager, type LeaseLostReason } from './loop-lease.js';

const errorOf = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
};

describe('loop lease on pglite (one process: trivially held)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore('pglite');
  });
  afterAll(() => t?.cleanup());

  it('holds every tenant and still bumps the epoch on each acquisition', async () => {
    const tenantId = uniqueId('tenant');
    await t.store.ensureTenant({ id: tenantId, name: tenantId });
    const leases = createLeaseManager({ store: t.store, instanceId: 'solo' });
    expect(await leases.tryAcquire(tenantId)).toEqual({ epoch: 1 });
    expect(await leases.tryAcquire(tenantId)).toEqual({ epoch: 1 });
    await leases.release(tenantId);
    expect(await leases.tryAcquire(tenantId)).toEqual({ epoch: 2 });
    const order = makeOrder({ tenantId, profileId: 'p' });
    await t.store.journal.commit(
      emptyBatch(tenantId, { fence: { instanceId: 'solo', epoch: 2 }, orders: [order] }),
    );
    await leases.tick();
    expect(leases.held()).toEqual([{ tenantId, epoch: 2 }]);
    await leases.close();
    await leases.close();
  });
});

// Runs whenever DATABASE_URL is set; with CI=true and no URL, testDatabaseUrl() throws so this
// file fails instead of skipping.
const url = testDatabaseUrl();
if (url) {
  describe('loop lease on postgres (advisory lock on a dedicated connection)', () => {
    let t: TestStore;
    let admin: pg.Client;
    const managers: LeaseManager[] = [];

    const manager = (
      instanceId: string,
      extra: Partial<ConstructorParameters<typeof LeaseManager>[0]> = {},
    ) => {
      const m = new LeaseManager({
        instanceId,
        postgres: { connectionString: url, schema: t.schema ?? undefined },
        ...extra,
      });
      managers.push(m);
      return m;
    };

    beforeAll(async () => {
      t = await createTestStore('postgres');
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
    });
    afterAll(async () => {
      for (const m of managers) await m.close();
      await admin?.end();
      await t?.cleanup();
    });

    it('lets one instance hold a tenant; a dead connection hands it over with a higher epoch', async () => {
      const tenantId = uniqueId('tenant');
      await t.store.ensureTenant({ id: tenantId, name: tenantId });
      const a = manager(`a-${tenantId}`);
      const b = manager(`b-${tenantId}`);
      const lost: [string, LeaseLostReason][] = [];
      a.onLost((tenant, reason) => lost.push([tenant, reason]));

      const first = await a.tryAcquire(tenantId);
      expect(first).toEqual({ epoch: 1 });
      expect(await b.tryAcquire(tenantId)).toBeNull();
      const orderA = makeOrder({ tenantId, profileId: 'p' });
      const fenceA = { instanceId: a.instanceId, epoch: 1 };
      await t.store.journal.commit(emptyBatch(tenantId, { fence: fenceA, orders: [orderA] }));

      // Kill A's dedicated session the way a crash or network cut would; the timeout argument
      // makes PostgreSQL wait until the backend is gone (and its advisory locks with it).
      const killed = await admin.query<{ ok: boolean }>(
        `SELECT pg_terminate_backend(pid, 5000) AS ok FROM pg_stat_activity
         WHERE application_name = $1`,
        [`loop-lease:${a.instanceId}`],
      );
      expect(killed.rows.map((r) => r.ok)).toEqual([true]);
      await a.tick();
      expect(lost).toEqual([[tenantId, 'connection_lost']]);
      expect(a.held()).toEqual([]);

      expect(await b.tryAcquire(tenantId)).toEqual({ epoch: 2 });
      // A, still alive as a process, tries to write with its old fencing token: refused.
      const stale = await errorOf(
        t.store.journal.commit(
          emptyBatch(tenantId, {
            fence: fenceA,
            orders: [makeOrder({ tenantId, profileId: 'p' })],
          }),
        ),
      );
      expect([stale.code, stale.message]).toEqual(['CONFLICT', 'fenced']);
      await t.store.journal.commit(
        emptyBatch(tenantId, {
          fence: { instanceId: b.instanceId, epoch: 2 },
          orders: [makeOrder({ tenantId, profileId: 'p' })],
        }),
      );
      // A reconnects on its own but cannot take the tenant back while B holds it.
      expect(await a.tryAcquire(tenantId)).toBeNull();
    });

    it('takes over a closed instance’s tenants on the next tick through candidates', async () => {
      const tenants = [uniqueId('tenant'), uniqueId('tenant')];
      for (const id of tenants) await t.store.ensureTenant({ id, name: id });
      const acquired: string[] = [];
      const a = manager(`a-${tenants[0]}`, { candidates: async () => tenants });
      const b = manager(`b-${tenants[0]}`, {
        candidates: async () => tenants,
        onAcquired: (lease) => acquired.push(lease.tenantId),
      });
      await a.tick();
      await b.tick();
      expect(
        a
          .held()
          .map((l) => l.tenantId)
          .sort(),
      ).toEqual([...tenants].sort());
      expect(acquired).toEqual([]);
      await a.close();
      await b.tick();
      expect(acquired.sort()).toEqual([...tenants].sort());
      expect(b.held().every((l) => l.epoch === 2)).toBe(true);
    });

    it('keeps schemas sharing one database apart: the same tenant id is held in each', async () => {
      const other = await createTestStore('postgres');
      try {
        const tenantId = uniqueId('tenant');
        const here = manager(`here-${tenantId}`);
        const there = new LeaseManager({
          instanceId: `there-${tenantId}`,
          postgres: { connectionString: url, schema: other.schema ?? undefined },
          staleAfterMs: 1,
        });
        managers.push(there);
        expect(await here.tryAcquire(tenantId)).toEqual({ epoch: 1 });
        // Even with an instant staleness bound it may not evict the other schema's holder.
        expect(await there.tryAcquire(tenantId)).toEqual({ epoch: 1 });
        await here.tick();
        expect(here.held()).toEqual([{ tenantId, epoch: 1 }]);
      } finally {
        await other.cleanup();
      }
    });

    it('detects a takeover of its row and reports taken_over on the next heartbeat', async () => {
      const tenantId = uniqueId('tenant');
      await t.store.ensureTenant({ id: tenantId, name: tenantId });
      const a = manager(`a-${tenantId}`);
      const lost: LeaseLostReason[] = [];
      a.onLost((_, reason) => lost.push(reason));
      await a.tryAcquire(tenantId);
      await admin.query(
        `UPDATE ${t.schema}.loop_leases SET owner = 'intruder', epoch = epoch + 1 WHERE tenant_id = $1`,
        [tenantId],
      );
      await a.tick();
      expect(lost).toEqual(['taken_over']);
      expect(a.held()).toEqual([]);
    });
  });
}
