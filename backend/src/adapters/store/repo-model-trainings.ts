import {
  AppError,
  type CreateModelTrainingBody,
  type ModelTrainingJob,
  type ModelTrainingStatus,
} from '@bytelyst/trading-contracts';
import type {
  ModelTrainingStore,
  TrainingCaller,
  TrainingOutcome,
} from '../../ports/model-trainings.js';
import type { TenantScope } from '../../ports/store.js';
import { type Row, type SqlDriver, toAppError } from './driver.js';
import { iso, isoOrNull, json, jsonParam, str, strOrNull } from './row.js';

const COLUMNS = `tenant_id, id, user_id, request, status, progress, stage, error_code, error,
  version_id, validation, data_end, created_at, started_at, finished_at`;

const mapJob = (r: Row): ModelTrainingJob => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  userId: str(r.user_id),
  request: json<CreateModelTrainingBody>(r.request),
  status: str(r.status) as ModelTrainingStatus,
  progress: Number(r.progress),
  stage: strOrNull(r.stage),
  errorCode: strOrNull(r.error_code) as ModelTrainingJob['errorCode'],
  error: strOrNull(r.error),
  versionId: strOrNull(r.version_id),
  validation: json<ModelTrainingJob['validation']>(r.validation),
  dataEnd: iso(r.data_end),
  createdAt: iso(r.created_at),
  startedAt: isoOrNull(r.started_at),
  finishedAt: isoOrNull(r.finished_at),
});

/** Training jobs in SQL (migration 0026). */
export class SqlModelTrainingStore implements ModelTrainingStore {
  constructor(private readonly db: SqlDriver) {}

  async insert(
    scope: TenantScope,
    input: { job: ModelTrainingJob; caller: TrainingCaller; maxActive: number; keep: number },
  ): Promise<void> {
    const j = input.job;
    try {
      await this.db.transaction(async (tx) => {
        // Counted under a lock on the tenant row: two instances accepting at once see each other.
        await tx.query('SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE', [scope.tenantId]);
        const { rows } = await tx.query(
          `SELECT count(*) AS n FROM model_trainings
            WHERE tenant_id = $1 AND status IN ('queued', 'running')`,
          [scope.tenantId],
        );
        if (Number(rows[0]?.n ?? 0) >= input.maxActive)
          throw new AppError(
            'RATE_LIMITED',
            `${input.maxActive} training jobs are already queued or running; wait for one to finish.`,
          );
        await tx.query(
          `INSERT INTO model_trainings (tenant_id, id, user_id, caller, request, status, data_end,
             created_at)
           VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, 'queued', $6::timestamptz, $7::timestamptz)`,
          [
            scope.tenantId,
            j.id,
            j.userId,
            jsonParam(input.caller),
            jsonParam(j.request),
            j.dataEnd,
            j.createdAt,
          ],
        );
        await tx.query(
          `DELETE FROM model_trainings WHERE tenant_id = $1
              AND status NOT IN ('queued', 'running')
              AND id NOT IN (
                SELECT id FROM model_trainings
                 WHERE tenant_id = $1 AND status NOT IN ('queued', 'running')
                 ORDER BY created_at DESC, id DESC LIMIT $2)`,
          [scope.tenantId, input.keep],
        );
      });
    } catch (error) {
      throw toAppError(error);
    }
  }

  async get(scope: TenantScope, id: string) {
    const { rows } = await this.run(
      `SELECT ${COLUMNS} FROM model_trainings WHERE tenant_id = $1 AND id = $2`,
      [scope.tenantId, id],
    );
    return rows[0] ? mapJob(rows[0]) : null;
  }

  async caller(scope: TenantScope, id: string) {
    const { rows } = await this.run(
      'SELECT caller FROM model_trainings WHERE tenant_id = $1 AND id = $2',
      [scope.tenantId, id],
    );
    return rows[0] ? json<TrainingCaller>(rows[0].caller) : null;
  }

  async list(scope: TenantScope, limit: number) {
    const { rows } = await this.run(
      `SELECT ${COLUMNS} FROM model_trainings WHERE tenant_id = $1
        ORDER BY created_at DESC, id DESC LIMIT $2`,
      [scope.tenantId, limit],
    );
    return rows.map(mapJob);
  }

  async start(scope: TenantScope, input: { id: string; instanceId: string; at: string }) {
    const { rowCount } = await this.run(
      `UPDATE model_trainings
          SET status = 'running', attempts = attempts + 1, instance_id = $3,
              started_at = coalesce(started_at, $4::timestamptz), progress = 0, stage = NULL
        WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running')`,
      [scope.tenantId, input.id, input.instanceId, input.at],
    );
    return rowCount > 0;
  }

  async progress(scope: TenantScope, input: { id: string; progress: number; stage: string }) {
    const { rows } = await this.run(
      `WITH moved AS (
         UPDATE model_trainings SET progress = greatest(progress, $3), stage = $4
          WHERE tenant_id = $1 AND id = $2 AND status = 'running' RETURNING status)
       SELECT status FROM moved
       UNION ALL
       SELECT status FROM model_trainings
        WHERE tenant_id = $1 AND id = $2 AND NOT EXISTS (SELECT 1 FROM moved)`,
      [
        scope.tenantId,
        input.id,
        Math.min(1, Math.max(0, input.progress)),
        input.stage.slice(0, 200),
      ],
    );
    return rows[0] ? (str(rows[0].status) as ModelTrainingStatus) : null;
  }

  async finish(scope: TenantScope, input: { id: string; at: string; outcome: TrainingOutcome }) {
    const o = input.outcome;
    const { rowCount } = await this.run(
      `UPDATE model_trainings
          SET status = $3, finished_at = $4::timestamptz, version_id = $5, validation = $6::jsonb,
              error_code = $7, error = $8, progress = CASE WHEN $3 = 'succeeded' THEN 1 ELSE progress END,
              stage = NULL
        WHERE tenant_id = $1 AND id = $2 AND status = 'running'`,
      [
        scope.tenantId,
        input.id,
        o.status,
        input.at,
        o.status === 'succeeded' ? o.versionId : null,
        jsonParam(o.status === 'succeeded' ? o.validation : null),
        o.status === 'failed' ? o.errorCode : null,
        o.status === 'failed' ? o.error.slice(0, 500) : null,
      ],
    );
    return rowCount > 0;
  }

  async cancel(scope: TenantScope, input: { id: string; at: string }) {
    await this.run(
      `UPDATE model_trainings SET status = 'cancelled', finished_at = $3::timestamptz, stage = NULL
        WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running')`,
      [scope.tenantId, input.id, input.at],
    );
    return this.get(scope, input.id);
  }

  async active() {
    const { rows } = await this.run(
      `SELECT tenant_id, id FROM model_trainings WHERE status IN ('queued', 'running')
        ORDER BY created_at`,
      [],
    );
    return rows.map((r) => ({ tenantId: str(r.tenant_id), id: str(r.id) }));
  }

  private async run(sql: string, params: readonly unknown[]) {
    try {
      return await this.db.query(sql, params);
    } catch (error) {
      throw toAppError(error);
    }
  }
}
