import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import pg from 'pg';
import { from as copyFromStdin, to as copyToStdout } from 'pg-copy-streams';
import type { QueryResult, Row, SqlDriver, SqlExecutor } from './driver.js';
import { toAppError } from './driver.js';

export interface PostgresDriverOptions {
  connectionString: string;
  /** Schema to put first on the search_path of every pooled connection (tests isolate with it). */
  schema?: string | undefined;
  max?: number | undefined;
  /** Server-side bound on one statement (statement_timeout), ms. */
  statementTimeoutMs?: number | undefined;
  /** Bound on getting a connection from the pool or opening one, ms. */
  connectTimeoutMs?: number | undefined;
}

/**
 * Bounds so a frozen or unreachable server makes queries fail instead of hang: the server cancels
 * a statement after `statement_timeout`; the client gives up on a query 2 s later (covers a server
 * that answers nothing at all) and on a connection after `connectTimeoutMs`; TCP keepalive finds
 * a dead peer on idle connections.
 */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * A COPY of a million rows outlasts one query's client-side read bound (the statement bound
 * + 2 s): on a loaded server the client gave up mid-COPY at 12 s ("Query read timeout") while
 * the server, given `SET LOCAL statement_timeout = '5min'` by the bulk writer, was still at it.
 * COPY streams get the bulk bound on the client side too.
 */
export const COPY_READ_TIMEOUT_MS = 5 * 60_000 + 2_000;
const bulk = <T extends object>(q: T): T =>
  Object.assign(q, { query_timeout: COPY_READ_TIMEOUT_MS });

/** COPY streams on one connection (a transaction's client). */
const copyOn = (client: pg.PoolClient): Required<Pick<SqlExecutor, 'copyFrom' | 'copyTo'>> => ({
  async copyFrom(sql, chunks) {
    try {
      const stream = client.query(bulk(copyFromStdin(sql)));
      await pipeline(Readable.from(chunks, { objectMode: false }), stream);
      return stream.rowCount;
    } catch (error) {
      throw toAppError(error);
    }
  },
  async copyTo(sql, onChunk) {
    try {
      const stream = client.query(bulk(copyToStdout(sql)));
      const decoder = new StringDecoder('utf8');
      for await (const chunk of stream) onChunk(decoder.write(chunk as Buffer));
      const rest = decoder.end();
      if (rest) onChunk(rest);
    } catch (error) {
      throw toAppError(error);
    }
  },
});

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

export const pgClientConfig = (options: PostgresDriverOptions): pg.ClientConfig => {
  const statementMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  return {
    connectionString: options.connectionString,
    ...(options.schema ? { options: searchPathOption(options.schema) } : {}),
    statement_timeout: statementMs,
    query_timeout: statementMs + 2_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
};

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * LISTEN on a dedicated connection (a pooled one would be returned and lose it). A lost
 * connection is reopened every second until it works; `onReconnect` tells the caller that
 * notifications may have been missed meanwhile.
 */
const listenOn = async (
  options: PostgresDriverOptions,
  channel: string,
  onNotify: (payload: string) => void,
  onReconnect?: () => void,
): Promise<() => Promise<void>> => {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const open = async (): Promise<void> => {
    const c = new pg.Client(pgClientConfig(options));
    c.on('notification', (n) => {
      if (n.channel === channel) onNotify(n.payload ?? '');
    });
    const lost = () => {
      if (client !== c) return;
      client = null;
      c.end().catch(() => undefined);
      schedule();
    };
    c.on('error', lost);
    c.on('end', lost);
    try {
      await c.connect();
      await c.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      c.end().catch(() => undefined);
      throw error;
    }
    if (stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
  };
  const schedule = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      open().then(
        () => onReconnect?.(),
        () => schedule(),
      );
    }, 1_000);
    retry.unref();
  };
  await open();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
  };
};

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
    namespace: options.schema ?? '',
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
        const result = await fn({ ...wrap(client), ...copyOn(client) });
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
    listen: (channel, onNotify, onReconnect) =>
      listenOn(options, channel, onNotify, onReconnect).catch((error: unknown) => {
        throw toAppError(error);
      }),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
};
