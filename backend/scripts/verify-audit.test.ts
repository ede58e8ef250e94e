import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStores, type TestStore } from '../test-support/db.js';
import type { SqlStore } from '../src/adapters/store/sql-store.js';
import { verifyAuditCli } from './verify-audit.js';

describe.each(testStores())('verify-audit CLI on %s', (driver) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(driver);
  });
  afterAll(() => t?.cleanup());

  it('exits 0 on an intact chain and 1 naming the first broken row', async () => {
    for (let i = 0; i < 3; i += 1) {
      await t.store.appendAudit({
        actor: { type: 'system', id: 'test', tenantId: null },
        tenantId: null,
        action: 'config.set',
        target: `k${i}`,
      });
    }
    const lines: string[] = [];
    expect(await verifyAuditCli(t.store, (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toBe('audit chain intact: 3 events, head seq 3');

    const raw = (t.store as SqlStore).sql;
    await raw.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_append_only');
      await tx.query(`UPDATE audit_events SET prev_hash = hash WHERE seq = 2`);
      await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_append_only');
    });
    lines.length = 0;
    expect(await verifyAuditCli(t.store, (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toMatch(/^audit chain BROKEN at seq 2 \(id .+\): prev_hash_mismatch/);
  });

  it('reports rows cut from the end through the chain head', async () => {
    const raw = (t.store as SqlStore).sql;
    await raw.transaction(async (tx) => {
      await tx.query('ALTER TABLE audit_events DISABLE TRIGGER audit_append_only');
      await tx.query(`DELETE FROM audit_events WHERE seq >= 2`);
      await tx.query('ALTER TABLE audit_events ENABLE TRIGGER audit_append_only');
    });
    const result = await t.store.verifyAudit();
    expect(result).toMatchObject({ ok: false, problem: 'head_mismatch', checked: 1 });
  });
});
