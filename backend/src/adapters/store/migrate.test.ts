import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@bytelyst/trading-contracts';
import { createTestSchema, testStores, type TestDriver } from '../../../test-support/db.js';
import type { SqlDriver } from './driver.js';
import { runMigrations } from './migrate.js';
import type { Migration } from './migrations/index.js';
import { openPgliteDriver } from './pglite-driver.js';
import { openPostgresDriver } from './postgres-driver.js';

const m1: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE one (id int PRIMARY KEY)' };
const m2: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE two (id int PRIMARY KEY)' };

const openDriver = async (driver: TestDriver) => {
  if (driver === 'pglite') {
    const d = await openPgliteDriver('memory://');
    return { driver: d, open: null, cleanup: () => d.close() };
  }
  const schema = await createTestSchema();
  const open = () =>
    openPostgresDriver({ connectionString: schema.url, schema: schema.schema, max: 2 });
  const d = await open();
  return {
    driver: d,
    open,
    cleanup: async () => {
      await d.close();
      await schema.drop();
    },
  };
};

const messageOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.message;
    throw e;
  }
  return 'resolved';
};

describe.each(testStores())('migrations on %s', (kind) => {
  let db: SqlDriver;
  let ctx: Awaited<ReturnType<typeof openDriver>>;

  beforeAll(async () => {
    ctx = await openDriver(kind);
    db = ctx.driver;
  });
  afterAll(() => ctx?.cleanup());

  it('applies pending migrations forward, each once, and records checksums', async () => {
    expect(await runMigrations(db, [m1])).toEqual({ applied: ['1-one'], current: 1 });
    expect(await runMigrations(db, [m1, m2])).toEqual({ applied: ['2-two'], current: 2 });
    expect(await runMigrations(db, [m2, m1])).toEqual({ applied: [], current: 2 });
    const { rows } = await db.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => Number(r.version))).toEqual([1, 2]);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  it('refuses an applied migration whose text was edited', async () => {
    const edited = { ...m1, sql: `${m1.sql} -- tweaked` };
    expect(await messageOf(runMigrations(db, [edited, m2]))).toMatch(/migration 1 .*edited/);
  });

  it('refuses to run an older build against a newer schema', async () => {
    expect(await messageOf(runMigrations(db, [m1]))).toMatch(/does not know/);
  });

  it('lets an older build run on a schema whose newer migrations are all marked safe for it', async () => {
    const m5: Migration = {
      version: 5,
      name: 'five',
      sql: 'CREATE INDEX five_idx ON two (id)',
      olderBuildsMayRun: true,
    };
    const m6: Migration = { version: 6, name: 'six', sql: 'CREATE TABLE six (id int)' };
    expect((await runMigrations(db, [m1, m2, m5])).applied).toEqual(['5-five']);
    // The build that knew only 1 and 2 is a valid rollback target: it starts and says why.
    expect(await runMigrations(db, [m1, m2])).toEqual({
      applied: [],
      current: 2,
      newer: ['5-five'],
    });
    // One newer migration that is not marked safe refuses the older build.
    await runMigrations(db, [m1, m2, m5, m6]);
    expect(await messageOf(runMigrations(db, [m1, m2]))).toMatch(
      /migration 6 \(six\) that this build does not know and that is not marked safe/,
    );
    expect(await messageOf(runMigrations(db, [m1, m2, m5]))).toMatch(/migration 6/);
    await db.exec('DROP TABLE six; DROP INDEX five_idx');
    await db.query('DELETE FROM schema_migrations WHERE version IN (5, 6)');
  });

  it('rolls back a failing migration completely', async () => {
    const bad: Migration = {
      version: 3,
      name: 'bad',
      sql: 'CREATE TABLE three (id int); SELECT 1/0;',
    };
    await expect(runMigrations(db, [m1, m2, bad])).rejects.toBeInstanceOf(AppError);
    const { rows } = await db.query(
      `SELECT 1 FROM information_schema.tables WHERE table_name = 'three' AND table_schema = current_schema()`,
    );
    expect(rows).toEqual([]);
    expect((await runMigrations(db, [m1, m2])).current).toBe(2);
  });

  // Only a server has two sessions that can race; PGlite is one process with one session.
  if (kind === 'postgres') {
    it('lets two instances migrate the same database at once', async () => {
      const other = await ctx.open?.();
      if (!other) throw new Error('no second driver');
      try {
        const m4: Migration = { version: 4, name: 'four', sql: 'CREATE TABLE four (id int)' };
        const m3: Migration = { version: 3, name: 'three', sql: 'CREATE TABLE three (id int)' };
        const all = [m1, m2, m3, m4];
        const [a, b] = await Promise.all([runMigrations(db, all), runMigrations(other, all)]);
        expect([...a.applied, ...b.applied].sort()).toEqual(['3-three', '4-four']);
      } finally {
        await other.close();
      }
    });
  }
});
