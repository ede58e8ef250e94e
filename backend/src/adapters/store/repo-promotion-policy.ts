import {
  DEFAULT_PROMOTION_POLICY,
  PromotionPolicyFields,
  type PromotionPolicy,
} from '@bytelyst/trading-contracts';
import type { TenantScope } from '../../ports/store.js';
import type { Row, SqlExecutor } from './driver.js';
import { iso, json, jsonParam, str } from './row.js';

const DEFAULT: PromotionPolicy = { ...DEFAULT_PROMOTION_POLICY, updatedAt: null, updatedBy: null };

/** A stored policy the contract no longer accepts reads as the default (never as no rule). */
const mapPolicy = (r: Row): PromotionPolicy => {
  const parsed = PromotionPolicyFields.safeParse(json<unknown>(r.policy));
  if (!parsed.success) return DEFAULT;
  return { ...parsed.data, updatedAt: iso(r.updated_at), updatedBy: str(r.updated_by) };
};

export async function getPromotionPolicy(
  db: SqlExecutor,
  scope: TenantScope,
): Promise<PromotionPolicy> {
  const { rows } = await db.query('SELECT * FROM promotion_policies WHERE tenant_id = $1', [
    scope.tenantId,
  ]);
  return rows[0] ? mapPolicy(rows[0]) : DEFAULT;
}

/** Replaces the tenant's policy; answers the one before (for the audit row) and after. */
export async function putPromotionPolicy(
  db: SqlExecutor,
  scope: TenantScope,
  input: { policy: PromotionPolicyFields; by: string; now: string },
): Promise<{ before: PromotionPolicy; after: PromotionPolicy }> {
  const before = await getPromotionPolicy(db, scope);
  const { rows } = await db.query(
    `INSERT INTO promotion_policies (tenant_id, policy, updated_at, updated_by)
     VALUES ($1, $2::jsonb, $3::timestamptz, $4)
     ON CONFLICT (tenant_id)
     DO UPDATE SET policy = EXCLUDED.policy, updated_at = EXCLUDED.updated_at,
                   updated_by = EXCLUDED.updated_by
     RETURNING *`,
    [scope.tenantId, jsonParam(input.policy), input.now, input.by],
  );
  const row = rows[0];
  return { before, after: row ? mapPolicy(row) : before };
}
