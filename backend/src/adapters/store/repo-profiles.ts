import { randomUUID } from 'node:crypto';
import { AppError, type ProfileSummary, type TradingProfile } from '@bytelyst/trading-contracts';
import type {
  Change,
  ListProfilesOptions,
  NewProfile,
  Tenant,
  TenantScope,
  UpdateProfileInput,
} from '../../ports/store.js';
import type { Row, SqlExecutor } from './driver.js';
import { mapProfile, mapTenant } from './mappers.js';
import { dec, int, jsonParam } from './row.js';
import { tenantFilter } from './sql.js';

export const ensureTenant = async (
  db: SqlExecutor,
  input: { id: string; name: string },
): Promise<Tenant> => {
  // DO UPDATE (a no-op write) so RETURNING yields the row whether or not it already existed.
  const { rows } = await db.query(
    `INSERT INTO tenants (id, name) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET name = tenants.name RETURNING *`,
    [input.id, input.name],
  );
  return mapTenant(rows[0] as Row);
};

export const getTenant = async (db: SqlExecutor, id: string): Promise<Tenant | null> => {
  const { rows } = await db.query('SELECT * FROM tenants WHERE id = $1', [id]);
  return rows[0] ? mapTenant(rows[0]) : null;
};

export const listTenants = async (db: SqlExecutor): Promise<Tenant[]> =>
  (await db.query('SELECT * FROM tenants ORDER BY id')).rows.map(mapTenant);

export const setTenantDisabled = async (
  db: SqlExecutor,
  input: { tenantId: string; disabled: boolean },
): Promise<Tenant> => {
  const { rows } = await db.query('UPDATE tenants SET disabled = $2 WHERE id = $1 RETURNING *', [
    input.tenantId,
    input.disabled,
  ]);
  if (!rows[0]) throw new AppError('NOT_FOUND', `tenant ${input.tenantId} not found`);
  return mapTenant(rows[0]);
};

const PROFILE_COLUMNS = `tenant_id, id, user_id, name, symbols, timeframe, strategy_id, strategy,
  capital_allocation, risk, enabled, mode, blocked_reason, version, created_at, updated_at,
  venue_account_id, ramp_up`;

const profileParams = (p: TradingProfile): unknown[] => [
  p.tenantId,
  p.id,
  p.userId,
  p.name,
  jsonParam(p.symbols),
  p.timeframe,
  p.strategy.strategy,
  jsonParam(p.strategy),
  p.capitalAllocation,
  jsonParam(p.risk),
  p.enabled,
  p.mode,
  p.blockedReason,
  p.version,
  p.createdAt,
  p.updatedAt,
  p.venueAccountId,
  p.rampUp === null ? null : jsonParam(p.rampUp),
];

export const createProfile = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: NewProfile & { now: string },
): Promise<TradingProfile> => {
  const profile: TradingProfile = {
    id: input.id ?? randomUUID(),
    tenantId: scope.tenantId,
    userId: input.userId,
    name: input.name,
    symbols: input.symbols,
    timeframe: input.timeframe,
    strategy: input.strategy,
    capitalAllocation: input.capitalAllocation,
    risk: input.risk,
    enabled: input.enabled,
    mode: input.mode ?? 'RUNNING',
    venueAccountId: input.venueAccountId ?? null,
    rampUp: null,
    blockedReason: null,
    version: 1,
    createdAt: input.now,
    updatedAt: input.now,
  };
  const { rows } = await db.query(
    `INSERT INTO trading_profiles (${PROFILE_COLUMNS})
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::jsonb, $9::numeric, $10::jsonb, $11, $12, $13,
             $14, $15::timestamptz, $16::timestamptz, $17, $18::jsonb)
     RETURNING *`,
    profileParams(profile),
  );
  return mapProfile(rows[0] as Row);
};

export const getProfile = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: { id: string; forUpdate?: boolean },
): Promise<TradingProfile | null> => {
  const { rows } = await db.query(
    `SELECT * FROM trading_profiles WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL
     ${input.forUpdate ? 'FOR UPDATE' : ''}`,
    [scope.tenantId, input.id],
  );
  return rows[0] ? mapProfile(rows[0]) : null;
};

export const listProfiles = async (
  db: SqlExecutor,
  scope: TenantScope,
  options: ListProfilesOptions = {},
): Promise<TradingProfile[]> => {
  const f = tenantFilter(scope.tenantId)
    .and('deleted_at IS NULL')
    .eq('user_id', options.userId)
    .eq('enabled', options.enabled);
  const { rows } = await db.query(
    `SELECT * FROM trading_profiles ${f.where} ORDER BY created_at, id`,
    f.params,
  );
  return rows.map(mapProfile);
};

/** Reads the row FOR UPDATE and checks the caller's version; the caller must be in a transaction. */
export const lockProfileAt = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: { id: string; expectedVersion?: number | undefined },
): Promise<TradingProfile> => {
  const current = await getProfile(db, scope, { id: input.id, forUpdate: true });
  if (!current) throw new AppError('NOT_FOUND', `profile ${input.id} not found`);
  if (input.expectedVersion !== undefined && current.version !== input.expectedVersion) {
    throw new AppError(
      'VERSION_CONFLICT',
      `profile ${input.id} is at version ${current.version}, not ${input.expectedVersion}`,
    );
  }
  return current;
};

export const updateProfile = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: UpdateProfileInput & { now: string },
): Promise<Change<TradingProfile>> => {
  const before = await lockProfileAt(db, scope, input);
  const patch = Object.fromEntries(
    Object.entries(input.patch).filter(([, v]) => v !== undefined),
  ) as Partial<TradingProfile>;
  const next: TradingProfile = { ...before, ...patch };
  const { rows } = await db.query(
    `UPDATE trading_profiles SET
       name = $3, symbols = $4::jsonb, timeframe = $5, strategy_id = $6, strategy = $7::jsonb,
       capital_allocation = $8::numeric, risk = $9::jsonb, enabled = $10, mode = $11,
       blocked_reason = $12, version = version + 1, updated_at = $13::timestamptz,
       venue_account_id = $15, ramp_up = $16::jsonb
     WHERE tenant_id = $1 AND id = $2 AND version = $14 AND deleted_at IS NULL
     RETURNING *`,
    [
      scope.tenantId,
      before.id,
      next.name,
      jsonParam(next.symbols),
      next.timeframe,
      next.strategy.strategy,
      jsonParam(next.strategy),
      next.capitalAllocation,
      jsonParam(next.risk),
      next.enabled,
      next.mode,
      next.blockedReason,
      input.now,
      before.version,
      next.venueAccountId,
      next.rampUp === null ? null : jsonParam(next.rampUp),
    ],
  );
  if (!rows[0]) throw new AppError('VERSION_CONFLICT', `profile ${input.id} changed meanwhile`);
  return { before, after: mapProfile(rows[0]) };
};

export const softDeleteProfile = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: { id: string; expectedVersion?: number | undefined; now: string },
): Promise<TradingProfile> => {
  const before = await lockProfileAt(db, scope, input);
  const { rows } = await db.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM positions
     WHERE tenant_id = $1 AND profile_id = $2 AND quantity <> 0`,
    [scope.tenantId, input.id],
  );
  if (int(rows[0]?.n ?? 0) > 0) {
    throw new AppError('CONFLICT', `profile ${input.id} has open positions; close them first`);
  }
  await db.query(
    `UPDATE trading_profiles SET deleted_at = $3::timestamptz, enabled = false,
       version = version + 1, updated_at = $3::timestamptz
     WHERE tenant_id = $1 AND id = $2`,
    [scope.tenantId, input.id, input.now],
  );
  return before;
};

/**
 * Equity is the latest snapshot when there is one, else allocation plus PnL; PnL and open
 * positions come from the position rows.
 */
const SUMMARY_SQL = `
SELECT p.*,
  coalesce(pos.realized, 0) AS s_realized,
  coalesce(pos.unrealized, 0) AS s_unrealized,
  coalesce(pos.open_positions, 0) AS s_open,
  greatest(0, coalesce(eq.equity,
    p.capital_allocation + coalesce(pos.realized, 0) + coalesce(pos.unrealized, 0))) AS s_equity
FROM trading_profiles p
LEFT JOIN LATERAL (
  SELECT trim_scale(sum(realized_pnl)) AS realized, trim_scale(sum(unrealized_pnl)) AS unrealized,
         count(*) FILTER (WHERE quantity <> 0) AS open_positions
  FROM positions WHERE tenant_id = p.tenant_id AND profile_id = p.id
) pos ON true
LEFT JOIN LATERAL (
  SELECT equity FROM equity_snapshots
  WHERE tenant_id = p.tenant_id AND profile_id = p.id ORDER BY at DESC LIMIT 1
) eq ON true`;

export const listProfileSummaries = async (
  db: SqlExecutor,
  scope: TenantScope,
  options: ListProfilesOptions = {},
): Promise<ProfileSummary[]> => {
  const f = tenantFilter(scope.tenantId, 'p.tenant_id')
    .and('p.deleted_at IS NULL')
    .eq('p.user_id', options.userId)
    .eq('p.enabled', options.enabled);
  const { rows } = await db.query(
    `${SUMMARY_SQL} ${f.where} ORDER BY p.created_at, p.id`,
    f.params,
  );
  return rows.map((r) => ({
    ...mapProfile(r),
    equity: dec(r.s_equity),
    realizedPnl: dec(r.s_realized),
    unrealizedPnl: dec(r.s_unrealized),
    openPositions: int(r.s_open),
  }));
};
