import {
  type Decision,
  type EquitySnapshot,
  type LedgerEntry,
  type Order,
  type Page,
  type Position,
  type Trade,
} from '@bytelyst/trading-contracts';
import type {
  DecisionsFilter,
  HistoryFilter,
  OrdersFilter,
  ProfileFilter,
  TenantScope,
} from '../../ports/store.js';
import type { SqlExecutor } from './driver.js';
import {
  mapDecision,
  mapEquity,
  mapLedgerEntry,
  mapOrder,
  mapPosition,
  mapTrade,
} from './mappers.js';
import { SqlFilter, selectPage, tenantFilter } from './sql.js';
import { ORDERS_WITH_VENUE, POSITIONS_WITH_VENUE } from './venue-joins.js';

export const getOrder = async (
  db: SqlExecutor,
  scope: TenantScope,
  id: string,
): Promise<Order | null> => {
  const { rows } = await db.query(
    `SELECT * FROM ${ORDERS_WITH_VENUE} WHERE tenant_id = $1 AND id = $2`,
    [scope.tenantId, id],
  );
  return rows[0] ? mapOrder(rows[0]) : null;
};

export const getOrderByClientId = async (
  db: SqlExecutor,
  scope: TenantScope,
  clientOrderId: string,
): Promise<Order | null> => {
  const { rows } = await db.query(
    `SELECT * FROM ${ORDERS_WITH_VENUE} WHERE tenant_id = $1 AND client_order_id = $2`,
    [scope.tenantId, clientOrderId],
  );
  return rows[0] ? mapOrder(rows[0]) : null;
};

/** A keyset page of orders under `where` (a tenant, or every tenant for operator views). */
export const ordersPage = (
  db: SqlExecutor,
  where: SqlFilter,
  filter: OrdersFilter = {},
): Promise<Page<Order>> =>
  selectPage(db, {
    from: ORDERS_WITH_VENUE,
    filter: where
      .eq('profile_id', filter.profileId)
      .anyOf('profile_id', filter.onlyProfiles)
      .eq('symbol', filter.symbol)
      .eq('status', filter.status),
    timeColumn: 'created_at',
    idColumn: 'id',
    input: filter,
    map: mapOrder,
    key: (o) => ({ time: o.createdAt, id: o.id }),
  });

export const listOrders = (
  db: SqlExecutor,
  scope: TenantScope,
  filter: OrdersFilter = {},
): Promise<Page<Order>> => ordersPage(db, tenantFilter(scope.tenantId), filter);

export const listTrades = (
  db: SqlExecutor,
  scope: TenantScope,
  filter: HistoryFilter = {},
): Promise<Page<Trade>> =>
  selectPage(db, {
    from: 'trades',
    filter: tenantFilter(scope.tenantId)
      .eq('profile_id', filter.profileId)
      .anyOf('profile_id', filter.onlyProfiles)
      .eq('symbol', filter.symbol),
    timeColumn: 'closed_at',
    idColumn: 'id',
    input: filter,
    map: mapTrade,
    key: (t) => ({ time: t.closedAt, id: t.id }),
  });

/** A keyset page of decisions under `where` (a tenant, or every tenant for operator views). */
export const decisionsPage = (
  db: SqlExecutor,
  where: SqlFilter,
  filter: DecisionsFilter = {},
): Promise<Page<Decision>> =>
  selectPage(db, {
    from: 'decisions',
    filter: where
      .eq('profile_id', filter.profileId)
      .anyOf('profile_id', filter.onlyProfiles)
      .eq('symbol', filter.symbol)
      .eq('action', filter.action),
    timeColumn: 'created_at',
    idColumn: 'id',
    input: filter,
    map: mapDecision,
    key: (d) => ({ time: d.createdAt, id: d.id }),
  });

export const listDecisions = (
  db: SqlExecutor,
  scope: TenantScope,
  filter: DecisionsFilter = {},
): Promise<Page<Decision>> => decisionsPage(db, tenantFilter(scope.tenantId), filter);

export const getDecision = async (
  db: SqlExecutor,
  scope: TenantScope,
  id: string,
): Promise<Decision | null> => {
  const { rows } = await db.query('SELECT * FROM decisions WHERE tenant_id = $1 AND id = $2', [
    scope.tenantId,
    id,
  ]);
  return rows[0] ? mapDecision(rows[0]) : null;
};

export const listLedger = (
  db: SqlExecutor,
  scope: TenantScope,
  filter: ProfileFilter = {},
): Promise<Page<LedgerEntry>> =>
  selectPage(db, {
    from: 'ledger_entries',
    filter: tenantFilter(scope.tenantId)
      .eq('profile_id', filter.profileId)
      .anyOf('profile_id', filter.onlyProfiles),
    timeColumn: 'posted_at',
    idColumn: 'id',
    input: filter,
    map: mapLedgerEntry,
    key: (e) => ({ time: e.postedAt, id: e.id }),
  });

export const listEquity = (
  db: SqlExecutor,
  scope: TenantScope,
  filter: ProfileFilter & { since?: string | undefined } = {},
): Promise<Page<EquitySnapshot>> => {
  const where = tenantFilter(scope.tenantId)
    .eq('profile_id', filter.profileId)
    .anyOf('profile_id', filter.onlyProfiles);
  if (filter.since) where.and(`at > ${where.param(filter.since)}::timestamptz`);
  return selectPage(db, {
    from: 'equity_snapshots',
    filter: where,
    // (at, profile_id) is the key of a snapshot within a tenant.
    timeColumn: 'at',
    idColumn: 'profile_id',
    input: filter,
    map: mapEquity,
    key: (s) => ({ time: s.at, id: s.profileId }),
  });
};

export const listPositions = async (
  db: SqlExecutor,
  scope: TenantScope,
  options: { profileId?: string | undefined; openOnly?: boolean | undefined } = {},
): Promise<Position[]> => {
  const f = tenantFilter(scope.tenantId).eq('profile_id', options.profileId);
  if (options.openOnly) f.and('quantity <> 0');
  const { rows } = await db.query(
    `SELECT * FROM ${POSITIONS_WITH_VENUE} ${f.where} ORDER BY profile_id, symbol`,
    f.params,
  );
  return rows.map(mapPosition);
};

/** Retention is an operator job and may span tenants, hence the optional tenant. */
export const pruneHoldDecisions = async (
  db: SqlExecutor,
  input: { before: string; tenantId?: string | undefined },
): Promise<number> => {
  const f = new SqlFilter().and("action = 'HOLD'");
  f.and(`created_at < ${f.param(input.before)}::timestamptz`).eq('tenant_id', input.tenantId);
  const { rowCount } = await db.query(`DELETE FROM decisions ${f.where}`, f.params);
  return rowCount;
};
