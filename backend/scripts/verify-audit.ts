/**
 * Verifies the audit hash chain and reports the first broken row.
 *
 *   pnpm --filter @bytelyst/trading-backend exec tsx scripts/verify-audit.ts
 *
 * Reads DATABASE_URL / DATA_DIR like the backend. Exit code 0 = chain intact, 1 = broken,
 * 2 = could not check. PGlite's data directory belongs to one process at a time: stop the
 * backend first, or run this against PostgreSQL.
 */
import { pathToFileURL } from 'node:url';
import { createStore } from '../src/adapters/store/index.js';
import { loadBackendEnv } from '../src/env.js';
import type { AuditVerifyResult, Store } from '../src/ports/store.js';

export const describeResult = (result: AuditVerifyResult): string =>
  result.ok
    ? `audit chain intact: ${result.checked} events, head seq ${result.headSeq}`
    : `audit chain BROKEN at seq ${result.brokenAt.seq}${result.brokenAt.id ? ` (id ${result.brokenAt.id})` : ''}: ${result.problem}; ${result.checked} events before it verified`;

export const verifyAuditCli = async (
  store: Store,
  write: (line: string) => void,
): Promise<number> => {
  const result = await store.verifyAudit();
  write(describeResult(result));
  write(JSON.stringify(result));
  return result.ok ? 0 : 1;
};

const main = async (): Promise<number> => {
  const env = loadBackendEnv();
  const store = await createStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    migrate: false,
  });
  try {
    const health = await store.healthCheck();
    if (!health.ok || health.schemaVersion === 0) {
      process.stderr.write(
        'verify-audit: no migrated database here; start the backend once first\n',
      );
      return 2;
    }
    return await verifyAuditCli(store, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await store.close();
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `verify-audit: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exit(2);
    },
  );
}
