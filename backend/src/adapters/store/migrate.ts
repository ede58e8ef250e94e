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
  older_builds_may_run: boolean;
}

const lock = (tx: SqlExecutor) =>
  tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);

const readApplied = async (tx: SqlExecutor): Promise<Map<number, AppliedRow>> => {
  const { rows } = await tx.query<AppliedRow>(
    'SELECT version, name, checksum, older_builds_may_run FROM schema_migrations ORDER BY version',
  );
  return new Map(rows.map((r) => [Number(r.version), r]));
};

/**
 * Refuses a database whose applied migrations were edited, or that is newer than this code unless
 * every newer migration was marked safe for older builds (a rollback). Returns those it allowed.
 */
const checkApplied = (applied: Map<number, AppliedRow>, known: readonly Migration[]): string[] => {
  const byVersion = new Map(known.map((m) => [m.version, m]));
  const newer: string[] = [];
  for (const [version, row] of applied) {
    const m = byVersion.get(version);
    if (!m) {
      if (row.older_builds_may_run) {
        newer.push(`${version}-${row.name}`);
        continue;
      }
      throw new AppError(
        'INTERNAL',
        `database has migration ${version} (${row.name}) that this build does not know and that is not marked safe for older builds; refusing to run an older build against a newer schema (roll forward instead)`,
      );
    }
    if (checksumOf(m) !== row.checksum) {
      throw new AppError(
        'INTERNAL',
        `migration ${version} (${m.name}) was edited after it was applied (checksum mismatch); add a new migration instead`,
      );
    }
  }
  return newer;
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
    // Added after the first release; every migration before it was recorded as not safe.
    await tx.exec(
      'ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS older_builds_may_run boolean NOT NULL DEFAULT false',
    );
  });
  const applied: string[] = [];
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const newer = checkApplied(await driver.transaction(readApplied), ordered);
  for (const m of ordered) {
    const didApply = await driver.transaction(async (tx) => {
      await lock(tx);
      // Re-read under the lock: another instance may have applied it meanwhile.
      const now = await readApplied(tx);
      checkApplied(now, ordered);
      if (now.has(m.version)) return false;
      await tx.exec(m.sql);
      await tx.query(
        'INSERT INTO schema_migrations (version, name, checksum, older_builds_may_run) VALUES ($1, $2, $3, $4)',
        [m.version, m.name, checksumOf(m), m.olderBuildsMayRun === true],
      );
      return true;
    });
    if (didApply) applied.push(`${m.version}-${m.name}`);
  }
  const last = ordered.at(-1);
  return { applied, current: last ? last.version : 0, ...(newer.length ? { newer } : {}) };
};

export const currentSchemaVersion = async (db: SqlExecutor): Promise<number> => {
  const { rows } = await db.query<{ v: number | string | null }>(
    'SELECT max(version) AS v FROM schema_migrations',
  );
  return Number(rows[0]?.v ?? 0);
};
