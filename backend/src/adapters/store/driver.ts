import { AppError } from '@bytelyst/trading-contracts';
import type { StoreDriverKind } from '../../ports/store.js';

export type Row = Record<string, unknown>;

export interface QueryResult<R = Row> {
  rows: R[];
  rowCount: number;
}

/** One connection's worth of SQL: the pool outside a transaction, the transaction inside one. */
export interface SqlExecutor {
  query<R = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * PostgreSQL server inside a transaction only: `COPY ... FROM STDIN` fed with text-format chunks
   * (bulk writes); resolves to the rows copied. Absent on PGlite, which takes multi-row inserts.
   */
  copyFrom?(sql: string, chunks: Iterable<string | Uint8Array>): Promise<number>;
  /** PostgreSQL server only: `COPY (...) TO STDOUT`, each chunk of text handed over as it comes. */
  copyTo?(sql: string, onChunk: (text: string) => void): Promise<void>;
}

/**
 * The small seam under both stores: PGlite and node-postgres differ only here, so every SQL
 * statement above it is shared.
 */
export interface SqlDriver extends SqlExecutor {
  readonly kind: StoreDriverKind;
  /** What keeps this database's notification channels apart from another's on one server. */
  readonly namespace: string;
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a notification channel (PostgreSQL `NOTIFY`, which PGlite also implements): the
   * callback gets each payload delivered after its sender's transaction committed. PostgreSQL
   * listens on its own connection and reconnects after losing it (`onReconnect` then fires,
   * because notifications sent meanwhile are lost). Resolves to an unlisten function.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

interface PgLikeError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

const SQLSTATE_TO_APP: Record<string, AppError['code']> = {
  '23505': 'CONFLICT', // unique_violation
  '23503': 'CONFLICT', // foreign_key_violation
  '23514': 'UNPROCESSABLE', // check_violation (incl. the unbalanced-ledger trigger)
  '23502': 'UNPROCESSABLE', // not_null_violation
  '22P02': 'VALIDATION_FAILED', // invalid_text_representation (bad numeric)
  '22003': 'VALIDATION_FAILED', // numeric_value_out_of_range
  '40001': 'CONFLICT', // serialization_failure
  '40P01': 'CONFLICT', // deadlock_detected
};

/** Socket errors that mean "the server is not there" rather than "the statement is wrong". */
const UNREACHABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * node-postgres raises its own timeouts and lost connections without a code; these are its
 * fixed texts (the one place a message is read, because nothing else identifies them).
 */
const PG_CLIENT_UNAVAILABLE =
  /^(Query read timeout|timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error)/;

/**
 * True when the database could not be asked at all (down, unreachable, frozen past the query
 * timeout, shutting down, out of connections, statement_timeout): the request may succeed later.
 */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as PgLikeError;
  const code = typeof e.code === 'string' ? e.code : '';
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300', '57014'].includes(code))
    return true;
  if (UNREACHABLE_ERRNO.has(code)) return true;
  return typeof e.message === 'string' && PG_CLIENT_UNAVAILABLE.test(e.message);
};

/**
 * Converts a driver error into an AppError by SQLSTATE (never by message text), keeping the cause.
 * AppErrors thrown by our own code pass through untouched. A database that cannot be asked
 * answers 503 NOT_READY with a retry hint, never 500.
 */
export const toAppError = (error: unknown): AppError => {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error))
    return new AppError('NOT_READY', 'The database is not answering; retry shortly.', {
      cause: error,
      details: { retryAfterSeconds: 2 },
    });
  const e = (typeof error === 'object' && error !== null ? error : {}) as PgLikeError;
  const sqlstate = typeof e.code === 'string' ? e.code : undefined;
  const code = (sqlstate !== undefined ? SQLSTATE_TO_APP[sqlstate] : undefined) ?? 'INTERNAL';
  const constraint = typeof e.constraint === 'string' ? ` (${e.constraint})` : '';
  // Codes only (SQLSTATE or a socket errno like ECONNREFUSED): never values, which may be private.
  // The message is for logs and tests: the API's error handler never sends it to a client.
  const message =
    code === 'INTERNAL'
      ? `storage failure${sqlstate ? ` (${sqlstate})` : ''}`
      : `storage refused the write: ${sqlstate}${constraint}`;
  return new AppError(code, message, { cause: error });
};

export const sqlstateOf = (error: unknown): string | undefined => {
  const cause = error instanceof AppError ? error.cause : error;
  const code = (cause as PgLikeError | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
};
