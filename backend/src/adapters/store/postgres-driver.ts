import pg from 'pg';
import type { QueryResult, Row, SqlDriver, SqlExecutor } from './driver.js';
import { toAppError } from './driver.js';

export interface PostgresDriverOptions {
  connectionString: string;
  /** Schema to put first on the search_path of every pooled connection (tests isolate with it). */
  schema?: string | undefined;
  max?: number | undefined;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

const wrap = (client: Queryable): SqlExecutor => ({
  async query<R = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    try {
      const res = await client.query(sql, params ? [...params] : undefined);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
    } catch (error) {
      throw toAppError(error);
    }
  },
  async exec(sql: string): Promise<void> {
    try {
      // Without parameters node-postgres uses the simple protocol, which runs several statements.
      await client.query(sql);
    } catch (error) {
      throw toAppError(error);
    }
  },
});

/** libpq `options` value that sets the search_path of a connection to one schema. */
export const searchPathOption = (schema: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`unsafe schema name: ${schema}`);
  return `-c search_path=${schema}`;
};

export const pgClientConfig = (options: PostgresDriverOptions): pg.ClientConfig => ({
  connectionString: options.connectionString,
  ...(options.schema ? { options: searchPathOption(options.schema) } : {}),
});

export const openPostgresDriver = async (options: PostgresDriverOptions): Promise<SqlDriver> => {
  const pool = new pg.Pool({ ...pgClientConfig(options), max: options.max ?? 10 });
  // An idle client that loses its server connection emits 'error' on the pool; without a listener
  // that would crash the process. The next query gets a fresh connection.
  pool.on('error', () => undefined);
  const outer = wrap(pool);
  try {
    await outer.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  let closed = false;
  return {
    kind: 'postgres',
    query: (sql, params) => outer.query(sql, params),
    exec: (sql) => outer.exec(sql),
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw toAppError(error);
      }
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is unusable; destroy it instead of returning it to the pool.
          broken = rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
        }
        throw toAppError(error);
      } finally {
        client.release(broken);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
};
