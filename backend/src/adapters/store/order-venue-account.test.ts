import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAPER_VENUE_TAG } from '@bytelyst/trading-contracts';
import { tenantScope } from '../../ports/store.js';
import { createTestSchema, testStores, type TestDriver } from '../../../test-support/db.js';
import type { SqlDriver } from './driver.js';
import { runMigrations } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openPgliteDriver } from './pglite-driver.js';
import { openPostgresDriver } from './postgres-driver.js';
import { getOrder, listOrders, listPositions } from './repo-trading.js';

const T0 = '2026-12-01T00:00:00.000Z';

const openDriver = async (kind: TestDriver) => {
  if (kind === 'pglite') {
    const d = await openPgliteDriver('memory://');
    return { db: d, cleanup: () => d.close() };
  }
  const schema = await createTestSchema();
  const d = await openPostgresDriver({
    connectionString: schema.url,
    schema: schema.schema,
    max: 2,
  });
  return {
    db: d,
    cleanup: async () => {
      await d.close();
      await schema.drop();
    },
  };
};

/** Migration 0025: the account an order was sent to, backfilled, fixed, and joined on reads. */
describe.each(testStores())('order venue account on %s', (kind) => {
  let db: SqlDriver;
  let cleanup: () => Promise<void>;

  const account = (tenant: string, id: string, label: string) =>
    db.query(
      `INSERT INTO venue_accounts (tenant_id, id, owner_user_id, venue_id, label, mode, status,
         key_hint, kek_id, sealed, created_at)
       VALUES ($1, $2, 'u1', 'localbinance', $3, 'sandbox', 'connected', NULL, 'k1', '{}'::jsonb, $4)`,
      [tenant, id, label, T0],
    );
  const profile = (tenant: string, id: string, accountId: string | null) =>
    db.query(
      `INSERT INTO trading_profiles (tenant_id, id, user_id, name, symbols, timeframe, strategy_id,
         strategy, capital_allocation, risk, enabled, mode, created_at, updated_at, venue_account_id)
       VALUES ($1, $2, 'u1', $2, '["BTC-USD"]', '1m', 'sma', '{}', 1000, '{}', true, 'RUNNING',
         $3, $3, $4)`,
      [tenant, id, T0, accountId],
    );
  const order = (o: { tenant: string; id: string; profile: string | null; status: string }) =>
    db.query(
      `INSERT INTO orders (tenant_id, id, profile_id, client_order_id, symbol, side, type, quantity,
         reduce_only, status, filled_quantity, origin, outcome_unknown, created_at, updated_at)
       VALUES ($1, $2, $3, $2, 'BTC-USD', 'BUY', 'MARKET', 1, false, $4,
         CASE WHEN $4 = 'FILLED' THEN 1 ELSE 0 END, 'strategy', false, $5, $5)`,
      [o.tenant, o.id, o.profile, o.status, T0],
    );

  beforeAll(async () => {
    ({ db, cleanup } = await openDriver(kind));
    // The schema as it was before 0025, with orders already written on it.
    await runMigrations(
      db,
      MIGRATIONS.filter((m) => m.version < 25),
    );
    for (const t of ['acme', 'globex'])
      await db.query('INSERT INTO tenants (id, name) VALUES ($1, $1)', [t]);
    await account('acme', 'va-acme', 'Acme desk');
    await account('globex', 'va-globex', 'Globex desk');
    await profile('acme', 'p-venue', 'va-acme');
    await profile('acme', 'p-paper', null);
    await order({ tenant: 'acme', id: 'o-venue', profile: 'p-venue', status: 'FILLED' });
    await order({ tenant: 'acme', id: 'o-paper', profile: 'p-paper', status: 'NEW' });
    await order({ tenant: 'acme', id: 'o-external', profile: null, status: 'SUBMITTED' });
    await db.query(
      `INSERT INTO positions (tenant_id, profile_id, symbol, quantity, average_entry_price,
         realized_pnl, unrealized_pnl, fees, updated_at)
       VALUES ('acme', 'p-venue', 'BTC-USD', 1, 100, 0, 0, 0, $1)`,
      [T0],
    );
    await runMigrations(db, MIGRATIONS);
  });
  afterAll(() => cleanup?.());

  it("backfills each order with its profile's account, paper (null) otherwise", async () => {
    const { rows } = await db.query<{ id: string; venue_account_id: string | null }>(
      "SELECT id, venue_account_id FROM orders WHERE tenant_id = 'acme' ORDER BY id",
    );
    expect(rows).toEqual([
      { id: 'o-external', venue_account_id: null },
      { id: 'o-paper', venue_account_id: null },
      { id: 'o-venue', venue_account_id: 'va-acme' },
    ]);
  });

  it("reads orders and positions with their account's venue and label", async () => {
    const acme = tenantScope('acme');
    expect((await getOrder(db, acme, 'o-venue'))?.venue).toEqual({
      accountId: 'va-acme',
      venueId: 'localbinance',
      label: 'Acme desk',
    });
    expect((await getOrder(db, acme, 'o-paper'))?.venue).toEqual(PAPER_VENUE_TAG);
    const page = await listOrders(db, acme, { profileId: 'p-venue' });
    expect(page.items.map((o) => o.venue.label)).toEqual(['Acme desk']);
    const [position] = await listPositions(db, acme, { profileId: 'p-venue' });
    expect(position?.venue).toEqual({
      accountId: 'va-acme',
      venueId: 'localbinance',
      label: 'Acme desk',
    });
  });

  it('keeps an order on its account after the profile moves to another', async () => {
    await account('acme', 'va-acme-2', 'Acme second');
    await db.query(
      "UPDATE trading_profiles SET venue_account_id = 'va-acme-2' WHERE tenant_id = 'acme' AND id = 'p-venue'",
    );
    expect((await getOrder(db, tenantScope('acme'), 'o-venue'))?.venue.label).toBe('Acme desk');
    // The position is on the profile's account now (a profile moves only while flat).
    const [position] = await listPositions(db, tenantScope('acme'), { profileId: 'p-venue' });
    expect(position?.venue.label).toBe('Acme second');
  });

  it('refuses changing the account an order was sent to, final or not', async () => {
    await expect(
      db.query(
        "UPDATE orders SET venue_account_id = NULL WHERE tenant_id = 'acme' AND id = 'o-venue'",
      ),
    ).rejects.toThrow(/orders_venue_account_fixed/);
    await expect(
      db.query(
        "UPDATE orders SET venue_account_id = 'va-acme' WHERE tenant_id = 'acme' AND id = 'o-paper'",
      ),
    ).rejects.toThrow(/orders_venue_account_fixed/);
  });

  it("refuses an order naming another tenant's account, and never joins across tenants", async () => {
    await expect(
      db.query(
        `INSERT INTO orders (tenant_id, id, profile_id, client_order_id, symbol, side, type,
           quantity, reduce_only, status, filled_quantity, origin, outcome_unknown, created_at,
           updated_at, venue_account_id)
         VALUES ('globex', 'o-x', NULL, 'o-x', 'BTC-USD', 'BUY', 'MARKET', 1, false, 'NEW', 0,
           'manual', false, $1, $1, 'va-acme')`,
        [T0],
      ),
    ).rejects.toThrow(/foreign key|orders_venue_account_fk/);
    // Same account id in two tenants: each tenant's order reads its own tenant's account.
    await account('globex', 'va-acme', 'Globex lookalike');
    await db.query(
      `INSERT INTO orders (tenant_id, id, profile_id, client_order_id, symbol, side, type,
         quantity, reduce_only, status, filled_quantity, origin, outcome_unknown, created_at,
         updated_at, venue_account_id)
       VALUES ('globex', 'o-g', NULL, 'o-g', 'BTC-USD', 'BUY', 'MARKET', 1, false, 'NEW', 0,
         'manual', false, $1, $1, 'va-acme')`,
      [T0],
    );
    expect((await getOrder(db, tenantScope('globex'), 'o-g'))?.venue.label).toBe(
      'Globex lookalike',
    );
    expect((await getOrder(db, tenantScope('acme'), 'o-venue'))?.venue.label).toBe('Acme desk');
    expect(await getOrder(db, tenantScope('globex'), 'o-venue')).toBeNull();
  });
});
