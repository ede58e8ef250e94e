import type { Decision, Order, Page, StrategyCluster } from '@bytelyst/trading-contracts';
import type { DecisionsFilter, OrdersFilter } from '../../ports/store.js';
import type { SqlExecutor } from './driver.js';
import { dec, int, str } from './row.js';
import { decisionsPage, ordersPage } from './repo-trading.js';
import { SqlFilter } from './sql.js';

/**
 * The cross-tenant aggregate behind the admin strategy view: each enabled or disabled live
 * profile counted once per symbol it trades, with the PnL of its position in that symbol.
 */
const CLUSTERS_SQL = `
SELECT p.strategy_id AS strategy, s.symbol,
  count(*) AS profiles,
  count(DISTINCT p.tenant_id) AS tenants,
  count(*) FILTER (WHERE pos.quantity <> 0) AS open_positions,
  trim_scale(coalesce(sum(pos.realized_pnl), 0)) AS realized,
  trim_scale(coalesce(sum(pos.unrealized_pnl), 0)) AS unrealized
FROM trading_profiles p
CROSS JOIN LATERAL jsonb_array_elements_text(p.symbols) AS s(symbol)
LEFT JOIN positions pos
  ON pos.tenant_id = p.tenant_id AND pos.profile_id = p.id AND pos.symbol = s.symbol
WHERE p.deleted_at IS NULL
GROUP BY p.strategy_id, s.symbol
ORDER BY p.strategy_id, s.symbol`;

export const strategyClusters = async (db: SqlExecutor): Promise<StrategyCluster[]> =>
  (await db.query(CLUSTERS_SQL)).rows.map((r) => ({
    strategy: str(r.strategy) as StrategyCluster['strategy'],
    symbol: str(r.symbol),
    profiles: int(r.profiles),
    tenants: int(r.tenants),
    openPositions: int(r.open_positions),
    realizedPnl: dec(r.realized),
    unrealizedPnl: dec(r.unrealized),
  }));

export const countProfiles = async (
  db: SqlExecutor,
): Promise<{ total: number; enabled: number }> => {
  const { rows } = await db.query(
    `SELECT count(*) AS total, count(*) FILTER (WHERE enabled) AS enabled
     FROM trading_profiles WHERE deleted_at IS NULL`,
  );
  return { total: int(rows[0]?.total ?? 0), enabled: int(rows[0]?.enabled ?? 0) };
};

/**
 * Operator views over every tenant, deliberately without a tenant condition (admin routes only).
 * Keyset pages on (created_at, id) like every other list, so the feed pages through all tenants
 * instead of merging each tenant's newest page.
 */
export const listDecisionsAcrossTenants = (
  db: SqlExecutor,
  filter: DecisionsFilter = {},
): Promise<Page<Decision>> => decisionsPage(db, new SqlFilter(), filter);

/** Entries only: reduce-only orders (exits, stops) are left out in the query, not after it. */
export const listEntriesAcrossTenants = (
  db: SqlExecutor,
  filter: OrdersFilter = {},
): Promise<Page<Order>> => ordersPage(db, new SqlFilter().and('NOT reduce_only'), filter);
