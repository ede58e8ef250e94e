import type { LedgerAccount, Trade } from '@bytelyst/trading-contracts';
import type {
  BalanceRow,
  EquityRow,
  LedgerBucketRow,
  RangeFilter,
  TenantScope,
} from '../../ports/store.js';
import type { SqlExecutor } from './driver.js';
import { mapTrade } from './mappers.js';
import { dec, str } from './row.js';
import { tenantFilter } from './sql.js';

/** Reads of the books as a whole (balances, equity history, trades over a range) for valuation. */

export const ledgerBalances = async (
  db: SqlExecutor,
  scope: TenantScope,
  options: { onlyProfiles?: readonly string[] | null | undefined } = {},
): Promise<BalanceRow[]> => {
  const f = tenantFilter(scope.tenantId).anyOf('profile_id', options.onlyProfiles);
  const { rows } = await db.query(
    `SELECT profile_id, account, trim_scale(sum(amount)) AS balance FROM ledger_entries ${f.where}
     GROUP BY profile_id, account ORDER BY profile_id, account`,
    f.params,
  );
  return rows.map((r) => ({
    profileId: str(r.profile_id),
    account: str(r.account) as LedgerAccount,
    balance: dec(r.balance),
  }));
};

const range = (scope: TenantScope, column: string, o: RangeFilter) => {
  const f = tenantFilter(scope.tenantId)
    .eq('profile_id', o.profileId)
    .anyOf('profile_id', o.onlyProfiles);
  if (o.from) f.and(`${column} >= ${f.param(o.from)}::timestamptz`);
  if (o.to) f.and(`${column} <= ${f.param(o.to)}::timestamptz`);
  return f;
};

/** Every equity snapshot in the range, oldest first, as compact rows (at in epoch ms). */
export const equityRange = async (
  db: SqlExecutor,
  scope: TenantScope,
  o: RangeFilter,
): Promise<EquityRow[]> => {
  const f = range(scope, 'at', o);
  const { rows } = await db.query(
    `SELECT profile_id, (extract(epoch from at) * 1000)::bigint AS at_ms, trim_scale(equity) AS equity
     FROM equity_snapshots ${f.where} ORDER BY at, profile_id LIMIT ${f.param(o.limit)}`,
    f.params,
  );
  return rows.map((r) => ({
    profileId: str(r.profile_id),
    at: Number(r.at_ms),
    equity: dec(r.equity),
  }));
};

/** Every trade closed in the range, oldest first (analytics and CSV export). */
export const tradesRange = async (
  db: SqlExecutor,
  scope: TenantScope,
  o: RangeFilter,
): Promise<Trade[]> => {
  const f = range(scope, 'closed_at', o);
  const { rows } = await db.query(
    `SELECT * FROM trades ${f.where} ORDER BY closed_at, id LIMIT ${f.param(o.limit)}`,
    f.params,
  );
  return rows.map(mapTrade);
};

/**
 * Realised PnL and fees booked per profile and 15-minute bucket (every zone's offset is a
 * multiple of 15 minutes, so any zone's days are unions of buckets). Signs as stored.
 */
export const ledgerBuckets = async (
  db: SqlExecutor,
  scope: TenantScope,
  o: RangeFilter,
): Promise<LedgerBucketRow[]> => {
  const f = range(scope, 'posted_at', o);
  f.and(`account IN ('realized_pnl', 'fees')`);
  const { rows } = await db.query(
    `SELECT profile_id, account,
       (floor(extract(epoch from posted_at) / 900) * 900000)::bigint AS bucket,
       trim_scale(sum(amount)) AS amount
     FROM ledger_entries ${f.where}
     GROUP BY profile_id, account, bucket ORDER BY bucket, profile_id, account
     LIMIT ${f.param(o.limit)}`,
    f.params,
  );
  return rows.map((r) => ({
    profileId: str(r.profile_id),
    account: str(r.account) as LedgerAccount,
    at: Number(r.bucket),
    amount: dec(r.amount),
  }));
};
