import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { QueryResult, Row, SqlDriver, SqlExecutor } from './driver.js';
import { toAppError } from './driver.js';

const MEMORY = 'memory://';

const wrap = (db: PGlite | Transaction): SqlExecutor => ({
  async query<R = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    try {
      const res = await db.query<R>(sql, params ? [...params] : undefined);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    } catch (error) {
      throw toAppError(error);
    }
  },
  async exec(sql: string): Promise<void> {
    try {
      await db.exec(sql);
    } catch (error) {
      throw toAppError(error);
    }
  },
});

/**
 * Embedded PostgreSQL (WASM) in one process. PGlite has a single session and queues every query
 * behind an open transaction, so transactions are serialised for free; a query on the outer
 * driver from inside `transaction` would wait for itself, which is why callers get `tx`.
 */
export const openPgliteDriver = async (dataDir: string): Promise<SqlDriver> => {
  if (dataDir !== MEMORY && !dataDir.startsWith(MEMORY)) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const outer = wrap(db);
  let closed = false;
  return {
    kind: 'pglite',
    namespace: '',
    query: (sql, params) => outer.query(sql, params),
    exec: (sql) => outer.exec(sql),
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      try {
        return await db.transaction((tx) => fn(wrap(tx)));
      } catch (error) {
        throw toAppError(error);
      }
    },
    async listen(channel, onNotify) {
      // One process, one session: nothing to reconnect.
      const unlisten = await db.listen(channel, onNotify);
      return async () => {
        if (!closed) await unlisten();
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
};
