import { randomUUID } from 'node:crypto';
import {
  ALERT_KIND_BY_CODE,
  AppError,
  alertKindOf,
  type Alert,
  type AlertCounts,
  type Page,
} from '@bytelyst/trading-contracts';
import type { RaisedAlert } from '../../ports/alert-store.js';
import type { AlertChange, AlertsFilter, NewAlert, TenantScope } from '../../ports/store.js';
import type { Row, SqlExecutor } from './driver.js';
import { mapAlert } from './mappers.js';
import { int } from './row.js';
import { SqlFilter, selectPage } from './sql.js';

export const createAlert = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: NewAlert & { now: string },
): Promise<Alert> => {
  const { rows } = await db.query(
    `INSERT INTO alerts (id, tenant_id, profile_id, severity, kind, code, message, acknowledged, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8::timestamptz) RETURNING *`,
    [
      input.id ?? randomUUID(),
      scope.tenantId,
      input.profileId,
      input.severity,
      input.kind ?? alertKindOf(input.code),
      input.code,
      input.message,
      input.createdAt ?? input.now,
    ],
  );
  return mapAlert(rows[0] as Row);
};

export const raiseAlert = async (
  db: SqlExecutor,
  input: RaisedAlert & { now: string },
): Promise<Alert | null> => {
  const { rows } = await db.query(
    `INSERT INTO alerts (id, tenant_id, profile_id, severity, kind, code, message, acknowledged,
       created_at, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8::timestamptz, $9)
     ON CONFLICT ((COALESCE(tenant_id, '')), source)
       WHERE source IS NOT NULL AND resolved_at IS NULL DO NOTHING
     RETURNING *`,
    [
      input.id ?? randomUUID(),
      input.tenantId,
      input.profileId,
      input.severity,
      input.kind ?? alertKindOf(input.code),
      input.code,
      input.message.slice(0, 500),
      input.createdAt ?? input.now,
      input.source ?? null,
    ],
  );
  return rows[0] ? mapAlert(rows[0]) : null;
};

export const resolveAlertSource = async (
  db: SqlExecutor,
  input: { tenantId: string | null; source: string; by: string; now: string },
): Promise<Alert | null> => {
  const { rows } = await db.query(
    `UPDATE alerts SET
       acknowledged = true,
       acknowledged_by = COALESCE(acknowledged_by, $3),
       acknowledged_at = COALESCE(acknowledged_at, $4::timestamptz),
       resolved_by = $3,
       resolved_at = $4::timestamptz
     WHERE COALESCE(tenant_id, '') = $1 AND source = $2 AND resolved_at IS NULL
     RETURNING *`,
    [input.tenantId ?? '', input.source, input.by, input.now],
  );
  return rows[0] ? mapAlert(rows[0]) : null;
};

const ALERT_CODES_OF: Record<string, string[]> = {};
for (const [code, kind] of Object.entries(ALERT_KIND_BY_CODE)) {
  (ALERT_CODES_OF[kind] ??= []).push(code);
}

const STATE_CONDITION = {
  open: 'NOT acknowledged AND resolved_at IS NULL',
  acknowledged: 'acknowledged AND resolved_at IS NULL',
  resolved: 'resolved_at IS NOT NULL',
} as const;

/** A tenant sees its own alerts and the system-wide ones (tenant_id NULL). */
const visibleTo = (scope: TenantScope, filter: AlertsFilter): SqlFilter => {
  const f = new SqlFilter();
  f.and(`(tenant_id = ${f.param(scope.tenantId)} OR tenant_id IS NULL)`)
    .eq('profile_id', filter.profileId)
    // Tenant-wide alerts (no profile) are for everyone in the tenant.
    .anyOf('profile_id', filter.onlyProfiles, true)
    .eq('acknowledged', filter.acknowledged)
    .eq('severity', filter.severity);
  if (filter.state) f.and(STATE_CONDITION[filter.state]);
  // Rows an older build wrote have no kind; theirs is the code's (see migration 0013).
  if (filter.kind) {
    const codes = ALERT_CODES_OF[filter.kind] ?? [];
    f.and(
      `(kind = ${f.param(filter.kind)} OR (kind IS NULL AND code = ANY(${f.param(codes)}::text[])))`,
    );
  }
  return f;
};

export const listAlerts = (
  db: SqlExecutor,
  scope: TenantScope,
  filter: AlertsFilter = {},
): Promise<Page<Alert>> =>
  selectPage(db, {
    from: 'alerts',
    filter: visibleTo(scope, filter),
    timeColumn: 'created_at',
    idColumn: 'id',
    input: filter,
    map: mapAlert,
    key: (a) => ({ time: a.createdAt, id: a.id }),
  });

/** Open (unacknowledged, unresolved) alerts by severity: the badge on every surface. */
export const countOpenAlerts = async (
  db: SqlExecutor,
  scope: TenantScope,
  filter: Pick<AlertsFilter, 'onlyProfiles'> = {},
): Promise<AlertCounts> => {
  const f = visibleTo(scope, { ...filter, state: 'open' });
  const { rows } = await db.query(
    `SELECT severity, count(*) AS n FROM alerts ${f.where} GROUP BY severity`,
    f.params,
  );
  const bySeverity = { info: 0, warning: 0, critical: 0 };
  for (const r of rows) bySeverity[r.severity as keyof typeof bySeverity] = int(r.n);
  return { open: bySeverity.info + bySeverity.warning + bySeverity.critical, bySeverity };
};

/**
 * Acknowledge or resolve. A user may change tenant-wide alerts and alerts of their own profiles
 * only (`onlyProfiles`); another tenant's id answers NOT_FOUND like a missing one. Acknowledging
 * twice keeps the first who and when; resolving acknowledges too.
 */
export const changeAlert = async (
  db: SqlExecutor,
  scope: TenantScope,
  change: AlertChange & { now: string },
): Promise<{ before: Alert; after: Alert }> => {
  const f = new SqlFilter()
    .eq('tenant_id', scope.tenantId)
    .eq('id', change.id)
    .anyOf('profile_id', change.onlyProfiles, true);
  const found = await db.query(`SELECT * FROM alerts ${f.where} FOR UPDATE`, f.params);
  if (!found.rows[0]) throw new AppError('NOT_FOUND', `alert ${change.id} not found`);
  const before = mapAlert(found.rows[0]);
  const by = change.by ?? 'system';
  const resolve = change.action === 'resolve';
  const { rows } = await db.query(
    `UPDATE alerts SET
       acknowledged = true,
       acknowledged_by = COALESCE(acknowledged_by, $3),
       acknowledged_at = COALESCE(acknowledged_at, $4::timestamptz),
       resolved_by = CASE WHEN $5 THEN COALESCE(resolved_by, $3) ELSE resolved_by END,
       resolved_at = CASE WHEN $5 THEN COALESCE(resolved_at, $4::timestamptz) ELSE resolved_at END
     WHERE tenant_id = $1 AND id = $2 RETURNING *`,
    [scope.tenantId, change.id, by, change.now, resolve],
  );
  return { before, after: mapAlert(rows[0] as Row) };
};

/** One alert the caller may see, or NOT_FOUND (another tenant's answers like a missing one). */
export const getAlert = async (
  db: SqlExecutor,
  scope: TenantScope,
  options: { id: string; onlyProfiles?: readonly string[] | null | undefined },
): Promise<Alert> => {
  const f = visibleTo(scope, { onlyProfiles: options.onlyProfiles }).eq('id', options.id);
  const { rows } = await db.query(`SELECT * FROM alerts ${f.where}`, f.params);
  if (!rows[0]) throw new AppError('NOT_FOUND', `alert ${options.id} not found`);
  return mapAlert(rows[0]);
};
