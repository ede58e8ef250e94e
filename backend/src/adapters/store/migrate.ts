import { createHash } from 'node:crypto';
import { AppError } from '@bytelyst/trading-contracts';
import type { MigrationResult } from '../../ports/store.js';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

// Any constant works; it only has to be the same for every instance sharing the database.
const MIGRATION_LOCK_KEY = 7_310_001;

export const checksumOf = (m: Migration): string =>
  createHash('sha256').update(m.sql, 'utf8').digest('hex');

interface AppliedRow {
  version: number | string;
  name: string;
  checksum: string;
}

const lock = (tx: SqlExecutor) =>
  tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);

const readApplied = async (tx: SqlExecutor): Promise<Map<number, AppliedRow>> => {
  const { rows } = await tx.query<AppliedRow>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
  );
  return new Map(rows.map((r) => [Number(r.version), r]));
};

/** Refuses a database whose applied migrations were edited, or that is newer than this code. */
const checkApplied = (applied: Map<number, AppliedRow>, known: readonly Migration[]): void => {
  const byVersion = new Map(known.map((m) => [m.version, m]));
  for (const [version, row] of applied) {
    const m = byVersion.get(version);
    if (!m) {
      throw new AppError(
        'INTERNAL',
        `database has migration ${version} (${row.name}) that this build does not know; refusing to run an older build against a newer schema`,
      );
    }
    if (checksumOf(m) !== row.checksum) {
      throw new AppError(
        'INTERNAL',
        `migration ${version} (${m.name}) was edited after it was applied (checksum mismatch); add a new migration instead`,
      );
    }
  }
};

/**
 * Applies pending migrations, each in its own transaction under an advisory lock so two instances
 * starting together apply each migration once. Safe to run on every start.
 */
export const runMigrations = async (
  driver: SqlDriver,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationResult> => {
  await driver.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: string[] = [];
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  checkApplied(await driver.transaction(readApplied), ordered);
  for (const m of ordered) {
    const didApply = await driver.transaction(async (tx) => {
      await lock(tx);
      // Re-read under the lock: another instance may have applied it meanwhile.
      const now = await readApplied(tx);
      checkApplied(now, ordered);
      if (now.has(m.version)) return false;
      await tx.exec(m.sql);
      await tx.query(
        'INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
        [m.version, m.name, checksumOf(m)],
      );
      return true;
    });
    if (didApply) applied.push(`${m.version}-${m.name}`);
  }
  const last = ordered.at(-1);
  return { applied, current: last ? last.version : 0 };
};

export const currentSchemaVersion = async (db: SqlExecutor): Promise<number> => {
  const { rows } = await db.query<{ v: number | string | null }>(
    'SELECT max(version) AS v FROM schema_migrations',
  );
  return Number(rows[0]?.v ?? 0);
};
