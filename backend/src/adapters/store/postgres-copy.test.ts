import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, testDatabaseUrl } from '../../../test-support/db.js';
import type { SqlDriver } from './driver.js';
import { openPostgresDriver } from './postgres-driver.js';

const url = testDatabaseUrl();

describe.runIf(url)('COPY on a PostgreSQL server', () => {
  let driver: SqlDriver;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const s = await createTestSchema();
    drop = s.drop;
    // A 0.5 s statement bound: an ordinary query is given up on by the client after 2.5 s.
    driver = await openPostgresDriver({
      connectionString: s.url,
      schema: s.schema,
      statementTimeoutMs: 500,
    });
  });
  afterAll(async () => {
    await driver?.close();
    await drop?.();
  });

  it('outlasts the per-query read bound when the transaction allows a long statement', async () => {
    let text = '';
    await driver.transaction(async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = '1min'`);
      await tx.copyTo?.('COPY (SELECT 42 FROM pg_sleep(3)) TO STDOUT', (chunk) => (text += chunk));
    });
    expect(text).toBe('42\n');
  }, 20_000);
});
