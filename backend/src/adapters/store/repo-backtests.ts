import { AppError, type BacktestJob, type BacktestStatus } from '@bytelyst/trading-contracts';
import type { BacktestJobStore, BacktestResultParts, TenantScope } from '../../ports/store.js';
import { formatFixed, parseFixed } from '../../domain/money/fixed.js';
import type { SqlExecutor } from './driver.js';
import { iso, isoOrNull, json, jsonParam, str, strOrNull } from './row.js';

type Row = Record<string, unknown>;

const ACTIVE = `status IN ('queued', 'running')`;

const mapBacktest = (r: Row): BacktestJob => {
  const result = json<BacktestResultParts | null>(r.result);
  return {
    id: str(r.id),
    tenantId: str(r.tenant_id),
    userId: str(r.user_id),
    request: json<BacktestJob['request']>(r.request),
    status: str(r.status) as BacktestStatus,
    progress: Number(r.progress),
    error: strOrNull(r.error),
    createdAt: iso(r.created_at),
    startedAt: isoOrNull(r.started_at),
    finishedAt: isoOrNull(r.finished_at),
    summary: result?.summary ?? null,
    equityCurve: result?.equityCurve ?? [],
    // Jobs stored before trades carried their net PnL get it derived, exactly.
    trades: (result?.trades ?? []).map((t) =>
      t.netPnl === undefined
        ? { ...t, netPnl: formatFixed(parseFixed(t.realizedPnl) - parseFixed(t.fees)) }
        : t,
    ),
    prices: result?.prices ?? [],
  };
};

/** One user's count of active jobs is checked under a lock on their tenant row, so two
 * submissions racing on two instances cannot both pass it. */
export const insertBacktest = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: Parameters<BacktestJobStore['insertBacktest']>[1],
): Promise<void> => {
  const { job } = input;
  await db.query('SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE', [scope.tenantId]);
  const { rows } = await db.query(
    `SELECT count(*) AS n FROM backtest_jobs WHERE tenant_id = $1 AND user_id = $2 AND ${ACTIVE}`,
    [scope.tenantId, job.userId],
  );
  if (Number(rows[0]?.n ?? 0) >= input.maxActive)
    throw new AppError(
      'RATE_LIMITED',
      `${input.maxActive} backtests are already queued or running; wait for one to finish.`,
    );
  await db.query(
    `INSERT INTO backtest_jobs (tenant_id, id, user_id, request, status, progress, instance_id,
       created_at, heard_at)
     VALUES ($1, $2, $3, $4::jsonb, 'queued', 0, $5, $6::timestamptz, $6::timestamptz)`,
    [scope.tenantId, job.id, job.userId, jsonParam(job.request), input.instanceId, job.createdAt],
  );
  await db.query(
    `DELETE FROM backtest_jobs WHERE tenant_id = $1 AND user_id = $2 AND NOT ${ACTIVE}
       AND id NOT IN (
         SELECT id FROM backtest_jobs WHERE tenant_id = $1 AND user_id = $2 AND NOT ${ACTIVE}
         ORDER BY created_at DESC, id DESC LIMIT $3)`,
    [scope.tenantId, job.userId, input.keep],
  );
};

export const getBacktest = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: { userId: string; id: string },
): Promise<BacktestJob | null> => {
  const { rows } = await db.query(
    'SELECT * FROM backtest_jobs WHERE tenant_id = $1 AND user_id = $2 AND id = $3',
    [scope.tenantId, input.userId, input.id],
  );
  return rows[0] ? mapBacktest(rows[0]) : null;
};

export const listBacktests = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: { userId: string; limit: number },
): Promise<BacktestJob[]> => {
  const { rows } = await db.query(
    `SELECT * FROM backtest_jobs WHERE tenant_id = $1 AND user_id = $2
     ORDER BY created_at DESC, id DESC LIMIT $3`,
    [scope.tenantId, input.userId, input.limit],
  );
  return rows.map(mapBacktest);
};

export const startBacktest = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: { id: string; at: string },
): Promise<boolean> => {
  const { rowCount } = await db.query(
    `UPDATE backtest_jobs SET status = 'running', started_at = $3::timestamptz,
       heard_at = $3::timestamptz
     WHERE tenant_id = $1 AND id = $2 AND status = 'queued'`,
    [scope.tenantId, input.id, input.at],
  );
  return rowCount === 1;
};

export const progressBacktest = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: { id: string; progress: number; at: string },
): Promise<{ cancelRequested: boolean }> => {
  const { rows } = await db.query(
    `UPDATE backtest_jobs SET progress = greatest(progress, $3), heard_at = $4::timestamptz
     WHERE tenant_id = $1 AND id = $2 AND status = 'running'
     RETURNING cancel_requested`,
    [scope.tenantId, input.id, Math.min(1, Math.max(0, input.progress)), input.at],
  );
  // Gone or no longer running (failed as stale by another instance): stop as if cancelled.
  return { cancelRequested: rows[0]?.cancel_requested !== false };
};

export const finishBacktest = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: Parameters<BacktestJobStore['finishBacktest']>[1],
): Promise<void> => {
  await db.query(
    `UPDATE backtest_jobs SET status = $3, error = $4, result = $5::jsonb,
       finished_at = $6::timestamptz, heard_at = $6::timestamptz,
       progress = CASE WHEN $3 = 'done' THEN 1 ELSE progress END
     WHERE tenant_id = $1 AND id = $2 AND ${ACTIVE}`,
    [
      scope.tenantId,
      input.id,
      input.status,
      input.error === null ? null : input.error.slice(0, 500),
      input.result === null ? null : jsonParam(input.result),
      input.at,
    ],
  );
};

export const cancelBacktest = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: { userId: string; id: string; at: string },
): Promise<BacktestJob | null> => {
  const ids = [scope.tenantId, input.userId, input.id];
  const { rows } = await db.query(
    `UPDATE backtest_jobs SET
       status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
       finished_at = CASE WHEN status = 'queued' THEN $4::timestamptz ELSE finished_at END,
       cancel_requested = true
     WHERE tenant_id = $1 AND user_id = $2 AND id = $3 AND ${ACTIVE}
     RETURNING *`,
    [...ids, input.at],
  );
  if (rows[0]) return mapBacktest(rows[0]);
  return getBacktest(db, scope, input);
};

export const heartbeatBacktests = async (
  db: SqlExecutor,
  input: { instanceId: string; ids: readonly string[]; at: string },
): Promise<void> => {
  if (input.ids.length === 0) return;
  await db.query(
    `UPDATE backtest_jobs SET heard_at = $2::timestamptz
     WHERE instance_id = $1 AND id = ANY($3::text[]) AND ${ACTIVE}`,
    [input.instanceId, input.at, [...input.ids]],
  );
};

export const failStaleBacktests = async (
  db: SqlExecutor,
  input: { before: string; at: string; alsoOf: string | null; error: string },
): Promise<number> => {
  const { rowCount } = await db.query(
    `UPDATE backtest_jobs SET status = 'failed', error = $4, finished_at = $2::timestamptz
     WHERE ${ACTIVE} AND (heard_at < $1::timestamptz OR instance_id = $3)`,
    [input.before, input.at, input.alsoOf, input.error.slice(0, 500)],
  );
  return rowCount;
};
