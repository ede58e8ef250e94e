import type { FlagRule, ProductStatus } from '@bytelyst/trading-contracts';
import { toIso, toIsoRequired, type SqlExecutor } from './db.js';

interface StatusRow {
  product_id: string;
  enabled: boolean;
  maintenance_active: boolean;
  maintenance_message: string | null;
  maintenance_expected_end_at: Date | null;
  version: number;
  updated_at: Date;
}

const toStatus = (r: StatusRow): ProductStatus => ({
  productId: r.product_id,
  enabled: r.enabled,
  maintenance: {
    active: r.maintenance_active,
    message: r.maintenance_message,
    expectedEndAt: toIso(r.maintenance_expected_end_at),
  },
  version: Number(r.version),
  updatedAt: toIsoRequired(r.updated_at),
});

interface FlagRow {
  key: string;
  default_value: boolean;
  tenants: Record<string, boolean>;
  users: Record<string, boolean>;
  rollout_percent: number | null;
  updated_at: Date;
}

export const controlsRepo = {
  async getStatus(
    db: SqlExecutor,
    q: { productId: string; forUpdate?: boolean },
  ): Promise<ProductStatus | null> {
    const rows = await db.query<StatusRow>(
      `SELECT * FROM product_status WHERE product_id = $1${q.forUpdate ? ' FOR UPDATE' : ''}`,
      [q.productId],
    );
    return rows[0] ? toStatus(rows[0]) : null;
  },

  async listStatuses(db: SqlExecutor): Promise<ProductStatus[]> {
    const rows = await db.query<StatusRow>('SELECT * FROM product_status ORDER BY product_id');
    return rows.map(toStatus);
  },

  /** Creates the product row if missing; never overwrites a status an operator has set. */
  async ensureProduct(db: SqlExecutor, s: ProductStatus): Promise<void> {
    await db.query(
      `INSERT INTO product_status (product_id, enabled, maintenance_active, version, updated_at)
       VALUES ($1, $2, false, $3, $4) ON CONFLICT (product_id) DO NOTHING`,
      [s.productId, s.enabled, s.version, s.updatedAt],
    );
  },

  async putStatus(db: SqlExecutor, s: ProductStatus): Promise<void> {
    await db.query(
      `UPDATE product_status SET enabled = $2, maintenance_active = $3, maintenance_message = $4,
         maintenance_expected_end_at = $5, version = $6, updated_at = $7
       WHERE product_id = $1`,
      [
        s.productId,
        s.enabled,
        s.maintenance.active,
        s.maintenance.message,
        s.maintenance.expectedEndAt,
        s.version,
        s.updatedAt,
      ],
    );
  },

  async listFlags(
    db: SqlExecutor,
    productId: string,
  ): Promise<{ rules: FlagRule[]; updatedAt: string | null }> {
    const rows = await db.query<FlagRow>(
      'SELECT * FROM feature_flags WHERE product_id = $1 ORDER BY key',
      [productId],
    );
    let latest: number | null = null;
    const rules = rows.map((r): FlagRule => {
      const t = new Date(r.updated_at).getTime();
      latest = latest === null || t > latest ? t : latest;
      return {
        key: r.key,
        defaultValue: r.default_value,
        tenants: r.tenants,
        users: r.users,
        rolloutPercent: r.rollout_percent === null ? null : Number(r.rollout_percent),
      };
    });
    return { rules, updatedAt: latest === null ? null : new Date(latest).toISOString() };
  },

  async getFlag(db: SqlExecutor, q: { productId: string; key: string }): Promise<FlagRule | null> {
    const { rules } = await controlsRepo.listFlags(db, q.productId);
    return rules.find((r) => r.key === q.key) ?? null;
  },

  async putFlag(
    db: SqlExecutor,
    f: { productId: string; rule: FlagRule; now: Date; onlyIfMissing?: boolean },
  ): Promise<void> {
    const conflict = f.onlyIfMissing
      ? 'DO NOTHING'
      : `DO UPDATE SET default_value = EXCLUDED.default_value, tenants = EXCLUDED.tenants,
           users = EXCLUDED.users, rollout_percent = EXCLUDED.rollout_percent,
           updated_at = EXCLUDED.updated_at`;
    await db.query(
      `INSERT INTO feature_flags (product_id, key, default_value, tenants, users, rollout_percent,
         updated_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7)
       ON CONFLICT (product_id, key) ${conflict}`,
      [
        f.productId,
        f.rule.key,
        f.rule.defaultValue,
        JSON.stringify(f.rule.tenants),
        JSON.stringify(f.rule.users),
        f.rule.rolloutPercent,
        f.now,
      ],
    );
  },
};
