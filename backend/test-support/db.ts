/**
 * Storage test helpers, shared by every backend suite that needs a database.
 *
 *   import { testStores, createTestStore } from '../../test-support/db.js';
 *   describe.each(testStores())('orders on %s', (driver) => {
 *     let t: TestStore;
 *     beforeAll(async () => { t = await createTestStore(driver); });
 *     afterAll(() => t.cleanup());
 *     ...
 *   });
 *
 * - `pglite` always runs (an in-memory database per store).
 * - `postgres` runs when DATABASE_URL is set; with CI=true and no DATABASE_URL, `testStores()`
 *   THROWS so the suite fails instead of silently skipping the server half.
 * - Each PostgreSQL store gets a freshly created schema (connections use
 *   `options: -c search_path=<schema>`), migrated from scratch, dropped by `cleanup()`, so suites
 *   and parallel runs never see each other's rows.
 * - Opening a store costs ~1-3 s (PGlite start, migrations): open one per suite in beforeAll and
 *   keep tests apart with distinct tenant ids (`uniqueId`).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createStore } from '../src/adapters/store/index.js';
import { testEnv } from './env.js';
import type { Store } from '../src/ports/store.js';

export type TestDriver = 'pglite' | 'postgres';

export interface TestStore {
  driver: TestDriver;
  store: Store;
  /** PostgreSQL only: the isolated schema and the URL, for extra connections (leases). */
  schema: string | null;
  databaseUrl: string | null;
  cleanup(): Promise<void>;
}

/** The PostgreSQL URL for tests, or null; throws when CI=true and it is missing. */
export const testDatabaseUrl = (): string | null => {
  const url = testEnv.DATABASE_URL;
  if (url) return url;
  if (testEnv.CI) {
    throw new Error('DATABASE_URL must be set when CI=true: PostgreSQL tests may not be skipped');
  }
  return null;
};

export const testStores = (): TestDriver[] =>
  testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];

export const uniqueId = (prefix: string): string => `${prefix}-${randomBytes(5).toString('hex')}`;

const adminQuery = async (url: string, sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/** A fresh, empty schema on the test server; `drop` removes it with everything in it. */
export const createTestSchema = async (): Promise<{
  url: string;
  schema: string;
  drop: () => Promise<void>;
}> => {
  const url = testDatabaseUrl();
  if (!url) throw new Error('createTestSchema needs DATABASE_URL');
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  // The job queue of a backend on this schema keeps its tables in `<schema>_jobs` (pg-boss).
  const drop = () =>
    adminQuery(
      url,
      `DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`,
    );
  return { url, schema, drop };
};

export const createTestStore = async (
  driver: TestDriver,
  options: { now?: () => Date } = {},
): Promise<TestStore> => {
  if (driver === 'pglite') {
    const store = await createStore({ dataDir: 'memory://', now: options.now });
    return { driver, store, schema: null, databaseUrl: null, cleanup: () => store.close() };
  }
  const { url, schema, drop } = await createTestSchema();
  try {
    const store = await createStore({
      databaseUrl: url,
      dataDir: 'unused',
      schema,
      poolSize: 4,
      now: options.now,
    });
    return {
      driver,
      store,
      schema,
      databaseUrl: url,
      cleanup: async () => {
        await store.close();
        await drop();
      },
    };
  } catch (error) {
    await drop();
    throw error;
  }
};
