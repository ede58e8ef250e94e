/**
 * check:tenant-isolation: every route that takes an id (path or profileId filter) answers 404 to
 * another tenant's ids and changes nothing; every table that holds tenant data has a tenant_id
 * column; every tenant-scoped Store method takes the scope as its first argument.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_ROUTES } from '@bytelyst/trading-contracts';
import { call } from '../../test-support/backend-harness.js';
import { fillPath, runCheck } from './check-kit.js';

/** Store methods that are instance-wide maintenance, never a tenant's read or write. */
const INSTANCE_WIDE = new Set([
  'pruneHoldDecisions',
  'pruneIdempotencyKeys',
  'heartbeatBacktests',
  'failStaleBacktests',
]);

/** Tables without tenant rows: bookkeeping and global settings. */
const GLOBAL_TABLES = new Set([
  'schema_migrations',
  'tenants',
  'dynamic_config',
  'audit_chain_head',
  'audit_events',
  'loop_leases',
  'jwks_cache',
]);

await runCheck('tenant-isolation', async ({ backend, tokens, fail }) => {
  const foreign = 'p-bob-breakout';
  const before = JSON.stringify(
    (await call(backend, { path: `/api/profiles/${foreign}`, token: tokens.bob })).body,
  );
  const venueBefore = backend.parts.exchange.account('globex').orders.size;
  let probed = 0;
  for (const def of Object.values(API_ROUTES)) {
    if (def.access !== 'user') continue;
    const takesId = def.path.includes(':id');
    const query = 'query' in def ? def.query : null;
    const filters = query && 'shape' in query && 'profileId' in (query.shape as object);
    const bodyTakesProfile =
      'body' in def && 'shape' in def.body && 'profileId' in (def.body.shape as object);
    if (!takesId && !filters && !bodyTakesProfile) continue;
    const path = fillPath(def.path, { id: foreign }) + (filters ? `?profileId=${foreign}` : '');
    const body = bodyTakesProfile
      ? { profileId: foreign, symbol: 'AAPL-USD', side: 'BUY', quantity: '1' }
      : def.method === 'PATCH'
        ? { name: 'x', expectedVersion: 1 }
        : def.path.endsWith('/promote')
          ? { venueAccountId: 'va-probe', confirm: true, expectedVersion: 1 }
          : undefined;
    probed++;
    for (const token of [tokens.alice, tokens.admin, tokens.carol]) {
      const r = await call(backend, {
        method: def.method,
        path,
        body: def.path === '/api/close' ? { profileId: foreign, symbol: 'AAPL-USD' } : body,
        token,
        headers: { 'idempotency-key': randomUUID() },
      });
      if (r.status !== 404)
        fail(`${def.method} ${path} with another tenant's id answered ${r.status}`);
    }
  }
  if (probed < 10) fail(`only ${probed} id-taking routes were probed`);
  console.log(`  probed ${probed} id-taking routes as 3 foreign callers`);
  const after = JSON.stringify(
    (await call(backend, { path: `/api/profiles/${foreign}`, token: tokens.bob })).body,
  );
  if (after !== before) fail("another tenant's profile changed");
  if (backend.parts.exchange.account('globex').orders.size !== venueBefore)
    fail("an order reached another tenant's venue account");

  const cols = await backend.parts.store.sql.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns where table_schema = current_schema()`,
  );
  const tables = new Map<string, Set<string>>();
  for (const c of cols.rows)
    tables.set(c.table_name, (tables.get(c.table_name) ?? new Set()).add(c.column_name));
  for (const [table, columns] of tables) {
    if (!GLOBAL_TABLES.has(table) && !columns.has('tenant_id'))
      fail(`table ${table} has no tenant_id`);
  }
  const port = readFileSync(join(import.meta.dirname, '../../src/ports/store.ts'), 'utf8');
  for (const block of port.matchAll(
    /export interface (ProfileStore|TradingReadStore|AlertStore|IdempotencyStore|BacktestJobStore) \{([\s\S]*?)\n\}/g,
  )) {
    for (const m of (block[2] ?? '').matchAll(/^\s+(\w+)\(([^)]*)/gm)) {
      if (INSTANCE_WIDE.has(m[1] ?? '')) continue;
      if (!/^\s*scope: TenantScope/.test(m[2] ?? ''))
        fail(`${block[1]}.${m[1]} does not take a TenantScope first`);
    }
  }
});
