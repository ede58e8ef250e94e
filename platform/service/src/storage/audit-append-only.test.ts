import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRepo } from './audit-repo.js';
import type { SqlDb } from './db.js';
import { migrate } from './migrations.js';
import { testDatabases } from './test-db.js';

describe.each(testDatabases())('platform audit table on $name', (kind) => {
  let db: SqlDb;
  beforeAll(async () => {
    db = await kind.open();
    await migrate(db);
    await db.transaction((tx) =>
      auditRepo.append(tx, {
        actor: { type: 'system', id: 'test', tenantId: null },
        tenantId: null,
        action: 'keys.rotate',
        target: 'key:k1',
        at: new Date(),
      }),
    );
  });
  afterAll(async () => db?.close());

  it('refuses UPDATE, DELETE and TRUNCATE, so rows can only be appended', async () => {
    for (const sql of [
      "UPDATE audit_events SET target = 'forged'",
      'DELETE FROM audit_events',
      'TRUNCATE audit_events',
    ]) {
      await expect(db.query(sql), sql).rejects.toThrow(/append-only/);
    }
    const rows = await db.query<{ target: string }>('SELECT target FROM audit_events');
    expect(rows.map((r) => r.target)).toEqual(['key:k1']);
  });
});
