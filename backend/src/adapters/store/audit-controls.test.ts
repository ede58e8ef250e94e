import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, AuditEvent, type Actor } from '@bytelyst/trading-contracts';
import { tenantScope, type Store } from '../../ports/store.js';
import { createTestStore, testStores, uniqueId, type TestStore } from '../../../test-support/db.js';
import { GENESIS_HASH } from './audit-chain.js';
import { type SqlStore } from './sql-store.js';

const admin: Actor = { type: 'admin', id: 'ops-1', tenantId: null };

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'resolved';
};

// The audit chain is global, so this suite gets its own database per driver.
describe.each(testStores())('audit, controls, config and idempotency on %s', (driver) => {
  let t: TestStore;
  let store: Store;

  beforeAll(async () => {
    t = await createTestStore(driver);
    store = t.store;
  });
  afterAll(() => t?.cleanup());

  describe('audit chain', () => {
    it('links each event to the previous hash with strictly increasing seq', async () => {
      const tenant = uniqueId('tenant');
      const first = await store.appendAudit({
        actor: admin,
        tenantId: null,
        action: 'control.set',
        target: 'global',
        before: { mode: 'RUNNING' },
        after: { mode: 'PAUSED', nested: { b: 1, a: [1, 'x', null] } },
        reason: 'maintenance window',
        requestId: 'req-1',
      });
      expect(() => AuditEvent.parse(first)).not.toThrow();
      expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
      const second = await store.appendAudit({
        actor: { type: 'user', id: 'u1', tenantId: tenant },
        tenantId: tenant,
        action: 'profile.create',
        target: 'profile:p1',
      });
      expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
      expect(await store.verifyAudit()).toEqual({ ok: true, checked: 2, headSeq: 2 });
      const mine = await store.listAudit(tenantScope(tenant));
      expect(mine.items).toEqual([second]);
      expect((await store.admin.listAudit({})).items.map((e) => e.seq)).toEqual([2, 1]);
    });

    it('never forks under concurrent appends', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.appendAudit({
            actor: admin,
            tenantId: null,
            action: 'config.set',
            target: `k${i}`,
          }),
        ),
      );
      const result = await store.verifyAudit();
      expect(result.ok).toBe(true);
      const page = await store.admin.listAudit({ limit: 500 });
      const seqs = page.items.map((e) => e.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    });

    it('pages the audit log by seq', async () => {
      const p1 = await store.admin.listAudit({ limit: 5 });
      const p2 = await store.admin.listAudit({ limit: 5, cursor: p1.nextCursor ?? '' });
      expect(p1.items).toHaveLength(5);
      expect(p2.items[0]?.seq).toBe((p1.items.at(-1)?.seq ?? 0) - 1);
    });

    it('refuses edits, and verify names the first tampered row', async () => {
      const raw = (store as SqlStore).sql;
      for (const statement of [
        `UPDATE audit_events SET reason = 'x' WHERE seq = 3`,
        'DELETE FROM audit_events WHERE seq = 3',
        'TRUNCATE audit_events',
      ]) {
        await expect(raw.query(statement), statement).rejects.toBeInstanceOf(AppError);
      }
      // Simulate tampering by someone who bypasses the trigger (a superuser with table access).
      await raw.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_append_only');
        await tx.query(`UPDATE audit_events SET target = 'forged' WHERE seq = 3`);
        await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_append_only');
      });
      const result = await store.verifyAudit();
      expect(result).toMatchObject({ ok: false, checked: 2, problem: 'hash_mismatch' });
      expect(result.ok === false && result.brokenAt.seq).toBe(3);
    });
  });

  describe('trading controls', () => {
    it('sets versioned controls per scope and refuses a stale version', async () => {
      const tenant = uniqueId('tenant');
      await store.ensureTenant({ id: tenant, name: tenant });
      const base = { actor: admin, requestId: 'req-9', reason: 'incident 42' };
      const g = await store.setControl({
        ...base,
        scope: 'global',
        targetId: null,
        tenantId: null,
        mode: 'PAUSED',
        expectedVersion: 0,
      });
      expect(g.before).toBeNull();
      expect(g.after).toMatchObject({
        scope: 'global',
        targetId: null,
        mode: 'PAUSED',
        version: 1,
      });
      const g2 = await store.setControl({
        ...base,
        scope: 'global',
        targetId: null,
        tenantId: null,
        mode: 'RUNNING',
        expectedVersion: 1,
      });
      expect(g2.before?.mode).toBe('PAUSED');
      expect(g2.after.version).toBe(2);
      expect(
        await codeOf(
          store.setControl({
            ...base,
            scope: 'global',
            targetId: null,
            tenantId: null,
            mode: 'HALTED',
            expectedVersion: 1,
          }),
        ),
      ).toBe('VERSION_CONFLICT');
      await store.setControl({
        ...base,
        scope: 'tenant',
        targetId: tenant,
        tenantId: tenant,
        mode: 'HALTED',
      });
      await store.setControl({
        ...base,
        scope: 'profile',
        targetId: 'p1',
        tenantId: tenant,
        mode: 'PAUSED',
      });
      const mine = await store.listControls(tenantScope(tenant));
      expect(mine.map((c) => `${c.scope}:${c.mode}`).sort()).toEqual([
        'global:RUNNING',
        'profile:PAUSED',
        'tenant:HALTED',
      ]);
      expect((await store.listControls(null)).map((c) => c.scope)).toEqual(['global']);
      expect(
        await codeOf(
          store.setControl({
            ...base,
            scope: 'tenant',
            targetId: 'x',
            tenantId: tenant,
            mode: 'HALTED',
          }),
        ),
      ).toBe('VALIDATION_FAILED');
    });
  });

  describe('dynamic config', () => {
    it('inserts at version 0, updates from the seen version, refuses stale and invalid values', async () => {
      const created = await store.putConfig({
        key: 'risk.maxOrderNotional',
        value: '2500.50',
        expectedVersion: 0,
        actor: admin,
      });
      expect(created).toMatchObject({ before: null, after: { value: '2500.50', version: 1 } });
      expect(
        await codeOf(
          store.putConfig({
            key: 'risk.maxOrderNotional',
            value: '1',
            expectedVersion: 0,
            actor: admin,
          }),
        ),
      ).toBe('VERSION_CONFLICT');
      const updated = await store.putConfig({
        key: 'risk.maxOrderNotional',
        value: '1000',
        expectedVersion: 1,
        actor: admin,
      });
      expect(updated.after).toMatchObject({ value: '1000', version: 2, updatedBy: admin });
      expect(
        await codeOf(
          store.putConfig({
            key: 'risk.staleMarketDataMs',
            value: 'soon',
            expectedVersion: 0,
            actor: admin,
          }),
        ),
      ).toBe('VALIDATION_FAILED');
      await store.putConfig({ key: 'ui.banner', value: null, expectedVersion: 0, actor: admin });
      expect(await store.getConfig('ui.banner')).toMatchObject({ value: null, version: 1 });
      expect((await store.listConfig()).map((e) => e.key)).toEqual([
        'risk.maxOrderNotional',
        'ui.banner',
      ]);
    });
  });

  describe('idempotency keys', () => {
    const scope = tenantScope('tenant-idem');
    const claim = { userId: 'u1', requestHash: 'h1' };

    it('claims once under concurrency, then replays the stored response', async () => {
      const key = uniqueId('key');
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.claimIdempotencyKey(scope, { ...claim, key })),
      );
      expect(results.filter((r) => r.status === 'claimed')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'in_progress')).toHaveLength(7);
      await store.completeIdempotencyKey(scope, {
        userId: 'u1',
        key,
        responseStatus: 201,
        responseBody: { order: { id: 'o1', quantity: '0.5' } },
      });
      expect(await store.claimIdempotencyKey(scope, { ...claim, key })).toEqual({
        status: 'completed',
        responseStatus: 201,
        responseBody: { order: { id: 'o1', quantity: '0.5' } },
      });
      expect(
        await codeOf(store.claimIdempotencyKey(scope, { ...claim, key, requestHash: 'other' })),
      ).toBe('IDEMPOTENCY_CONFLICT');
    });

    it('keeps keys per tenant and user, releases and takes over stale claims', async () => {
      const key = uniqueId('key');
      expect((await store.claimIdempotencyKey(scope, { ...claim, key })).status).toBe('claimed');
      expect((await store.claimIdempotencyKey(scope, { ...claim, userId: 'u2', key })).status).toBe(
        'claimed',
      );
      expect(
        (await store.claimIdempotencyKey(tenantScope('tenant-idem-2'), { ...claim, key })).status,
      ).toBe('claimed');
      await store.releaseIdempotencyKey(scope, { userId: 'u1', key });
      expect((await store.claimIdempotencyKey(scope, { ...claim, key })).status).toBe('claimed');
      // A claim older than staleAfterMs (0 here) belongs to a dead handler and may be taken.
      expect(
        (await store.claimIdempotencyKey(scope, { ...claim, key, staleAfterMs: 0 })).status,
      ).toBe('claimed');
      expect(
        await codeOf(
          store.completeIdempotencyKey(scope, {
            userId: 'u9',
            key,
            responseStatus: 200,
            responseBody: null,
          }),
        ),
      ).toBe('CONFLICT');
    });
  });
});
