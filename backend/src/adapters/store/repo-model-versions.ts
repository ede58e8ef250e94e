import { ModelCardBacktest, type ModelVersion } from '@bytelyst/trading-contracts';
import type { TrainedModel } from '../../domain/models/model.js';
import type { ModelVersionStore, StoredModelVersion } from '../../ports/model-versions.js';
import type { TenantScope } from '../../ports/store.js';
import { type Row, type SqlExecutor, toAppError } from './driver.js';
import { iso, isoOrNull, str, strOrNull } from './row.js';

const COLUMNS = `tenant_id, id, created_by, created_at, symbol, timeframe, artifact, checksum,
  data_checksum, window_from, window_to, disabled_at, disabled_by, disabled_reason,
  approved_at, approved_by, approval_note, card`;

/** Model versions in SQL (migrations 0016, 0017). The artifact is stored as the exact text hashed. */
export class SqlModelVersionStore implements ModelVersionStore {
  constructor(private readonly db: SqlExecutor) {}

  async insert(scope: TenantScope, v: StoredModelVersion & { artifact: string }): Promise<boolean> {
    const m = v.version;
    const { rowCount } = await this.run(
      `INSERT INTO model_versions (tenant_id, id, created_by, created_at, symbol, timeframe,
          artifact, checksum, data_checksum, window_from, window_to, card)
       VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7, $8, $9, $10::timestamptz, $11::timestamptz,
               $12)
       ON CONFLICT (tenant_id, id) DO NOTHING`,
      [
        scope.tenantId,
        m.id,
        m.createdBy,
        m.createdAt,
        m.symbol,
        m.timeframe,
        v.artifact,
        m.checksum,
        m.dataChecksum,
        m.window.from,
        m.window.to,
        m.backtest ? JSON.stringify(m.backtest) : null,
      ],
    );
    return rowCount > 0;
  }

  async list(scope: TenantScope): Promise<ModelVersion[]> {
    const { rows } = await this.run(
      `SELECT ${COLUMNS} FROM model_versions WHERE tenant_id = $1 ORDER BY created_at DESC, id`,
      [scope.tenantId],
    );
    return rows.map((r) => toStored(r).version);
  }

  async get(scope: TenantScope, id: string): Promise<ModelVersion | null> {
    const { rows } = await this.run(
      `SELECT ${COLUMNS} FROM model_versions WHERE tenant_id = $1 AND id = $2`,
      [scope.tenantId, id],
    );
    return rows[0] ? toStored(rows[0]).version : null;
  }

  async all(): Promise<StoredModelVersion[]> {
    const { rows } = await this.run(
      `SELECT ${COLUMNS} FROM model_versions ORDER BY created_at`,
      [],
    );
    return rows.map(toStored);
  }

  async disable(
    scope: TenantScope,
    input: { id: string; by: string; reason: string; at: string },
  ): Promise<ModelVersion | null> {
    // The first switch-off stands: a second one keeps its who, when and why.
    await this.run(
      `UPDATE model_versions
          SET disabled_at = $3::timestamptz, disabled_by = $4, disabled_reason = $5
        WHERE tenant_id = $1 AND id = $2 AND disabled_at IS NULL`,
      [scope.tenantId, input.id, input.at, input.by, input.reason],
    );
    return this.get(scope, input.id);
  }

  async approve(
    scope: TenantScope,
    input: { id: string; by: string; note: string; at: string },
  ): Promise<ModelVersion | null> {
    // A switched-off version is never approved; a second approval keeps the first's record.
    await this.run(
      `UPDATE model_versions
          SET approved_at = $3::timestamptz, approved_by = $4, approval_note = $5
        WHERE tenant_id = $1 AND id = $2 AND approved_at IS NULL AND disabled_at IS NULL`,
      [scope.tenantId, input.id, input.at, input.by, input.note],
    );
    return this.get(scope, input.id);
  }

  private async run(sql: string, params: readonly unknown[]) {
    try {
      return await this.db.query(sql, params);
    } catch (error) {
      throw toAppError(error);
    }
  }
}

function toStored(r: Row): StoredModelVersion & { artifact: string } {
  const artifact = str(r.artifact);
  const model = JSON.parse(artifact) as TrainedModel;
  const window = model.window;
  return {
    artifact,
    model,
    version: {
      id: str(r.id),
      tenantId: str(r.tenant_id),
      createdBy: str(r.created_by),
      createdAt: iso(r.created_at),
      symbol: str(r.symbol),
      timeframe: str(r.timeframe),
      kind: model.fitted.kind,
      features: model.features,
      settings: model.settings,
      window: {
        from: iso(r.window_from),
        to: iso(r.window_to),
        trainRows: window.trainRows,
        testRows: window.testRows,
      },
      metrics: model.metrics,
      checksum: str(r.checksum),
      dataChecksum: str(r.data_checksum),
      disabledAt: isoOrNull(r.disabled_at),
      disabledBy: strOrNull(r.disabled_by),
      disabledReason: strOrNull(r.disabled_reason),
      approvedAt: isoOrNull(r.approved_at),
      approvedBy: strOrNull(r.approved_by),
      approvalNote: strOrNull(r.approval_note),
      importance: model.importance ?? null,
      backtest: r.card ? ModelCardBacktest.parse(JSON.parse(str(r.card))) : null,
    },
  };
}
