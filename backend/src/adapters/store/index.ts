import { join } from 'node:path';
import type { Store } from '../../ports/store.js';
import { openPgliteDriver } from './pglite-driver.js';
import { openPostgresDriver } from './postgres-driver.js';
import { LeaseManager, type HeldLease } from './loop-lease.js';
import { SqlStore } from './sql-store.js';

export { SqlStore } from './sql-store.js';
export {
  LeaseManager,
  type HeldLease,
  type LeaseLostReason,
  type LeaseManagerOptions,
} from './loop-lease.js';

/** Minimal logger shape (pino satisfies it). */
export interface StoreLogger {
  info(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
}

export interface CreateStoreOptions {
  /** PostgreSQL server; when absent the embedded PGlite store in `dataDir` is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory, or `memory://` for a throwaway database. */
  dataDir: string;
  /** PostgreSQL only: schema put first on the search_path (tests isolate with it). */
  schema?: string | undefined;
  /** PostgreSQL pool size. */
  poolSize?: number | undefined;
  logger?: StoreLogger | undefined;
  /** Run pending migrations before returning (default true). */
  migrate?: boolean | undefined;
  now?: (() => Date) | undefined;
}

/** Embedded PostgreSQL in a data directory: `pnpm start` needs no server. */
export class PgliteStore extends SqlStore {
  static async open(options: { dataDir: string; now?: (() => Date) | undefined }) {
    return new PgliteStore({ driver: await openPgliteDriver(options.dataDir), now: options.now });
  }
}

/** PostgreSQL server through a node-postgres pool. */
export class PostgresStore extends SqlStore {
  static async open(options: {
    connectionString: string;
    schema?: string | undefined;
    max?: number | undefined;
    now?: (() => Date) | undefined;
  }) {
    const driver = await openPostgresDriver(options);
    return new PostgresStore({ driver, now: options.now });
  }
}

const PGLITE_SUBDIR = 'pglite';

/** Chooses the driver from configuration, migrates, and returns a ready store. */
export const createStore = async (options: CreateStoreOptions): Promise<Store> => {
  const store = options.databaseUrl
    ? await PostgresStore.open({
        connectionString: options.databaseUrl,
        schema: options.schema,
        max: options.poolSize,
        now: options.now,
      })
    : await PgliteStore.open({
        dataDir: options.dataDir.startsWith('memory://')
          ? options.dataDir
          : join(options.dataDir, PGLITE_SUBDIR),
        now: options.now,
      });
  if (options.migrate ?? true) {
    try {
      const result = await store.migrate();
      options.logger?.info(
        { driver: store.driver, applied: result.applied, schemaVersion: result.current },
        'store ready',
      );
      if (result.newer)
        options.logger?.warn?.(
          { newer: result.newer },
          'running an older build on a newer schema (every newer migration is marked safe for it)',
        );
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
};

export interface CreateLeaseManagerOptions {
  store: Store;
  instanceId: string;
  /** Same as the store's; absent = PGlite, where the one process trivially holds every lease. */
  databaseUrl?: string | undefined;
  schema?: string | undefined;
  intervalMs?: number | undefined;
  candidates?: (() => Promise<readonly string[]>) | undefined;
  onAcquired?: ((lease: HeldLease) => void) | undefined;
}

export const createLeaseManager = (options: CreateLeaseManagerOptions): LeaseManager => {
  const { store, databaseUrl, schema, ...rest } = options;
  if (databaseUrl)
    return new LeaseManager({ ...rest, postgres: { connectionString: databaseUrl, schema } });
  if (!(store instanceof SqlStore)) throw new Error('embedded leases need the SqlStore');
  return new LeaseManager({ ...rest, embedded: store.sql });
};
