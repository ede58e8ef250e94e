import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** The narrow SQL surface the repositories use; PGlite and node-postgres both implement it. */
export interface SqlExecutor {
  query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface SqlDb extends SqlExecutor {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; a throw rolls everything back. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Several statements at once (migrations), no parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

function assertSchema(schema: string): void {
  // The schema name is spliced into SQL, so it must be a plain identifier.
  if (!SCHEMA_RE.test(schema)) throw new Error(`invalid schema name: ${schema}`);
}

/** Embedded PostgreSQL: `memory://` for tests, a directory for `pnpm start`. */
export async function openPglite(options: { dataDir: string; schema?: string }): Promise<SqlDb> {
  const schema = options.schema ?? 'platform';
  assertSchema(schema);
  const db = await PGlite.create(options.dataDir);
  // PGlite is one connection, so the search_path set here holds for every later statement.
  await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema};`);
  let closed = false;
  return {
    driver: 'pglite',
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const res = await db.query<T>(sql, [...params]);
      return res.rows;
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>) {
      return db.transaction(async (tx) =>
        fn({
          async query<R extends object>(sql: string, params: readonly unknown[] = []) {
            return (await tx.query<R>(sql, [...params])).rows;
          },
        }),
      );
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}

/** Server PostgreSQL; every table lives in `schema` so the backend may share the database. */
export async function openPostgres(options: {
  url: string;
  schema?: string;
  max?: number;
}): Promise<SqlDb> {
  const schema = options.schema ?? 'platform';
  assertSchema(schema);
  const bootstrap = new pg.Client({ connectionString: options.url });
  await bootstrap.connect();
  try {
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await bootstrap.end();
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    options: `-c search_path=${schema}`,
  });
  let closed = false;
  return {
    driver: 'postgres',
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const res = await pool.query(sql, [...params]);
      return res.rows as T[];
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query<R extends object>(sql: string, params: readonly unknown[] = []) {
            return (await client.query(sql, [...params])).rows as R[];
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** int8 and count(*) come back as numbers from PGlite but strings from node-postgres. */
export const toNumber = (v: unknown): number => (typeof v === 'string' ? Number(v) : Number(v));

/** timestamptz comes back as a Date from both drivers; null stays null. */
export const toIso = (v: Date | string | null): string | null =>
  v === null ? null : new Date(v).toISOString();

export const toIsoRequired = (v: Date | string): string => new Date(v).toISOString();
