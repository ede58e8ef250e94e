import {
  AppError,
  parseDynamicConfigValue,
  type DynamicConfigEntry,
  type DynamicConfigKey,
  type TradingControl,
} from '@bytelyst/trading-contracts';
import type { Change, PutConfigInput, SetControlInput, TenantScope } from '../../ports/store.js';
import type { SqlExecutor } from './driver.js';
import { mapConfig, mapControl } from './mappers.js';
import { jsonParam } from './row.js';

export const listControls = async (
  db: SqlExecutor,
  scope: TenantScope | null,
): Promise<TradingControl[]> => {
  const { rows } = scope
    ? await db.query(
        `SELECT * FROM trading_controls WHERE scope = 'global' OR tenant_id = $1
         ORDER BY scope, target_key`,
        [scope.tenantId],
      )
    : await db.query(`SELECT * FROM trading_controls WHERE scope = 'global'`);
  return rows.map(mapControl);
};

const targetKeyOf = (input: SetControlInput): string => {
  switch (input.scope) {
    case 'global':
      if (input.targetId !== null || input.tenantId !== null) {
        throw new AppError('VALIDATION_FAILED', 'a global control has no target or tenant');
      }
      return '';
    case 'tenant':
      if (!input.targetId || input.targetId !== input.tenantId) {
        throw new AppError('VALIDATION_FAILED', 'a tenant control targets its own tenant id');
      }
      return input.targetId;
    case 'profile':
      if (!input.targetId || !input.tenantId) {
        throw new AppError('VALIDATION_FAILED', 'a profile control needs a profile and a tenant');
      }
      return input.targetId;
  }
};

/**
 * Upsert with optimistic concurrency. The caller runs this in a transaction so `before` and the
 * write see the same row; the ON CONFLICT ... WHERE version = expected makes a racing writer lose
 * with VERSION_CONFLICT instead of overwriting.
 */
export const setControl = async (
  db: SqlExecutor,
  input: SetControlInput & { now: string },
): Promise<Change<TradingControl>> => {
  const targetKey = targetKeyOf(input);
  const current = await db.query(
    'SELECT * FROM trading_controls WHERE scope = $1 AND target_key = $2 FOR UPDATE',
    [input.scope, targetKey],
  );
  const before = current.rows[0] ? mapControl(current.rows[0]) : null;
  const expected = input.expectedVersion;
  if (expected !== undefined && (before?.version ?? 0) !== expected) {
    throw new AppError(
      'VERSION_CONFLICT',
      `control ${input.scope}:${targetKey || '*'} is at version ${before?.version ?? 0}, not ${expected}`,
    );
  }
  const { rows } = await db.query(
    `INSERT INTO trading_controls
       (scope, target_key, tenant_id, mode, reason, actor, version, request_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, 1, $7, $8::timestamptz)
     ON CONFLICT (scope, target_key) DO UPDATE SET
       mode = EXCLUDED.mode, reason = EXCLUDED.reason, actor = EXCLUDED.actor,
       request_id = EXCLUDED.request_id, updated_at = EXCLUDED.updated_at,
       version = trading_controls.version + 1
     WHERE trading_controls.version = $9
     RETURNING *`,
    [
      input.scope,
      targetKey,
      input.tenantId,
      input.mode,
      input.reason,
      jsonParam(input.actor),
      input.requestId,
      input.now,
      before?.version ?? 0,
    ],
  );
  if (!rows[0]) throw new AppError('VERSION_CONFLICT', 'the control changed meanwhile');
  return { before, after: mapControl(rows[0]) };
};

/**
 * One cheap read the loop owners poll (every CONTROLS_POLL_MS) to notice a control change whose
 * notification never arrived: versions only grow, so the sum and count change with every write.
 */
export const controlsFingerprint = async (db: SqlExecutor): Promise<string> => {
  const { rows } = await db.query<{ fp: string }>(
    `SELECT (SELECT coalesce(sum(version), 0) || ':' || count(*) FROM trading_controls)
       || '/' || (SELECT coalesce(string_agg(id, ',' ORDER BY id), '') FROM tenants WHERE disabled)
       AS fp`,
  );
  return String(rows[0]?.fp ?? '');
};

export const listConfig = async (db: SqlExecutor): Promise<DynamicConfigEntry[]> =>
  (await db.query('SELECT * FROM dynamic_config ORDER BY key')).rows.map(mapConfig);

export const getConfig = async (
  db: SqlExecutor,
  key: DynamicConfigKey,
): Promise<DynamicConfigEntry | null> => {
  const { rows } = await db.query('SELECT * FROM dynamic_config WHERE key = $1', [key]);
  return rows[0] ? mapConfig(rows[0]) : null;
};

/** expectedVersion 0 inserts; N updates only from version N. Anything else: VERSION_CONFLICT. */
export const putConfig = async (
  db: SqlExecutor,
  input: PutConfigInput & { now: string },
): Promise<Change<DynamicConfigEntry>> => {
  const parsed = parseDynamicConfigValue(input.key, input.value);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `invalid value for ${input.key}`, {
      details: {
        issues: parsed.error.issues.map((i) => ({ path: 'value', message: i.message })),
      },
    });
  }
  const before = await getConfig(db, input.key);
  const params = [input.key, jsonParam(input.value), jsonParam(input.actor), input.now];
  const { rows } =
    input.expectedVersion === 0
      ? await db.query(
          `INSERT INTO dynamic_config (key, value, version, updated_by, updated_at)
           VALUES ($1, $2::jsonb, 1, $3::jsonb, $4::timestamptz)
           ON CONFLICT (key) DO NOTHING RETURNING *`,
          params,
        )
      : await db.query(
          `UPDATE dynamic_config SET value = $2::jsonb, updated_by = $3::jsonb,
             updated_at = $4::timestamptz, version = version + 1
           WHERE key = $1 AND version = $5 RETURNING *`,
          [...params, input.expectedVersion],
        );
  if (!rows[0]) {
    throw new AppError(
      'VERSION_CONFLICT',
      `${input.key} is at version ${before?.version ?? 0}, not ${input.expectedVersion}`,
    );
  }
  return { before, after: mapConfig(rows[0]) };
};
