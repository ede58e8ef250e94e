import type { LoopCommand, TenantScope } from '../../ports/store.js';
import type { Row, SqlExecutor } from './driver.js';
import { iso, json, jsonParam, str, strOrNull } from './row.js';
import { changeChannel } from './sql.js';

const mapCommand = (r: Row): LoopCommand => ({
  tenantId: str(r.tenant_id),
  id: str(r.id),
  kind: str(r.kind) as LoopCommand['kind'],
  payload: json<Record<string, unknown>>(r.payload),
  deadlineAt: iso(r.deadline_at),
  status: str(r.status) as LoopCommand['status'],
  result: r.result === null ? null : json<Record<string, unknown>>(r.result),
  claimedBy: strOrNull(r.claimed_by),
});

const notify = (db: SqlExecutor, namespace: string) =>
  db.query('SELECT pg_notify($1, $2)', [changeChannel(namespace), 'commands']);

export const submitCommand = async (
  db: SqlExecutor,
  namespace: string,
  scope: TenantScope,
  input: Pick<LoopCommand, 'id' | 'kind' | 'payload' | 'deadlineAt'> & { now: string },
): Promise<LoopCommand> => {
  await db.query(
    `INSERT INTO loop_commands (tenant_id, id, kind, payload, deadline_at, status, created_at)
     VALUES ($1, $2, $3, $4::jsonb, $5::timestamptz, 'pending', $6::timestamptz)
     ON CONFLICT (tenant_id, id) DO NOTHING`,
    [scope.tenantId, input.id, input.kind, jsonParam(input.payload), input.deadlineAt, input.now],
  );
  await notify(db, namespace);
  const { rows } = await db.query('SELECT * FROM loop_commands WHERE tenant_id = $1 AND id = $2', [
    scope.tenantId,
    input.id,
  ]);
  return mapCommand(rows[0] as Row);
};

export const getCommand = async (
  db: SqlExecutor,
  scope: TenantScope,
  id: string,
): Promise<LoopCommand | null> => {
  const { rows } = await db.query('SELECT * FROM loop_commands WHERE tenant_id = $1 AND id = $2', [
    scope.tenantId,
    id,
  ]);
  return rows[0] ? mapCommand(rows[0]) : null;
};

/** One statement: past-deadline pending commands expire, the rest become this instance's. */
export const claimCommands = async (
  db: SqlExecutor,
  namespace: string,
  input: { tenantIds: readonly string[]; instanceId: string; staleRunningMs: number; now: string },
): Promise<LoopCommand[]> => {
  if (input.tenantIds.length === 0) return [];
  const { rows } = await db.query(
    `UPDATE loop_commands SET
       status = CASE WHEN status = 'pending' AND deadline_at <= $3::timestamptz
                     THEN 'expired' ELSE 'running' END,
       claimed_by = $2,
       finished_at = CASE WHEN status = 'pending' AND deadline_at <= $3::timestamptz
                          THEN $3::timestamptz ELSE NULL END
     WHERE tenant_id = ANY($1::text[])
       AND (status = 'pending'
            OR (status = 'running' AND claimed_by <> $2
                AND created_at < $3::timestamptz - ($4::int * interval '1 millisecond')))
     RETURNING *`,
    [input.tenantIds, input.instanceId, input.now, input.staleRunningMs],
  );
  const claimed = rows.map(mapCommand);
  if (claimed.some((c) => c.status === 'expired')) await notify(db, namespace);
  return claimed;
};

export const finishCommand = async (
  db: SqlExecutor,
  namespace: string,
  scope: TenantScope,
  input: {
    id: string;
    status: 'done' | 'expired';
    result: Record<string, unknown> | null;
    now: string;
  },
): Promise<LoopCommand | null> => {
  const { rows } = await db.query(
    `UPDATE loop_commands SET status = $3, result = $4::jsonb, finished_at = $5::timestamptz
     WHERE tenant_id = $1 AND id = $2
       AND (status = 'running' OR (status = 'pending' AND $3 = 'expired'))
     RETURNING *`,
    [scope.tenantId, input.id, input.status, jsonParam(input.result), input.now],
  );
  await notify(db, namespace);
  return rows[0] ? mapCommand(rows[0]) : null;
};

export const tenantsWithoutLoop = async (db: SqlExecutor, freshMs: number): Promise<string[]> => {
  const { rows } = await db.query<{ id: string }>(
    `SELECT t.id FROM tenants t
     LEFT JOIN loop_leases l ON l.tenant_id = t.id
       AND l.heartbeat_at > now() - ($1::int * interval '1 millisecond')
     WHERE NOT t.disabled AND l.tenant_id IS NULL
     ORDER BY t.id`,
    [freshMs],
  );
  return rows.map((r) => r.id);
};
