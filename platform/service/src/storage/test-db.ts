import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testEnv } from '../test-support/env.js';
import { openPglite, openPostgres, type SqlDb } from './db.js';

/**
 * The databases every storage-touching suite runs on: PGlite always; PostgreSQL when
 * DATABASE_URL is set. Under CI a missing DATABASE_URL is an error, never a silent skip.
 */
export interface TestDbKind {
  name: 'pglite' | 'postgres';
  open(): Promise<SqlDb>;
}

export function testDatabases(): TestDbKind[] {
  const url = testEnv.DATABASE_URL;
  if (!url && testEnv.CI) {
    throw new Error('CI=true but DATABASE_URL is not set: PostgreSQL tests must run in CI');
  }
  const kinds: TestDbKind[] = [
    { name: 'pglite', open: () => openPglite({ dataDir: 'memory://' }) },
  ];
  if (url) kinds.push({ name: 'postgres', open: () => openIsolatedPostgres(url) });
  return kinds;
}

/** A fresh schema per suite, dropped on close, so parallel runs never see each other's rows. */
async function openIsolatedPostgres(url: string): Promise<SqlDb> {
  const schema = `t_platform_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const db = await openPostgres({ url, schema, max: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
