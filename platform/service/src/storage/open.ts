import { mkdirSync } from 'node:fs';
import { openPglite, openPostgres, type SqlDb } from './db.js';

/** PostgreSQL when a URL is given, else embedded PGlite in `dataDir` (created if missing). */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  schema: string;
  dataDir: string;
}): Promise<SqlDb> {
  if (opts.databaseUrl) return openPostgres({ url: opts.databaseUrl, schema: opts.schema });
  if (!opts.dataDir.startsWith('memory://')) mkdirSync(opts.dataDir, { recursive: true });
  return openPglite({ dataDir: opts.dataDir, schema: opts.schema });
}
