import {
  DEFAULT_MOBILE_ACTIONS,
  MobileAction,
  MOBILE_ACTIONS,
  type MobilePolicy,
} from '@bytelyst/trading-contracts';
import type { TenantScope } from '../../ports/store.js';
import type { Row, SqlExecutor } from './driver.js';
import { iso, json, jsonParam, str } from './row.js';

export const DEFAULT_MOBILE_POLICY: MobilePolicy = {
  allowed: [...DEFAULT_MOBILE_ACTIONS],
  updatedAt: null,
  updatedBy: null,
};

/** Known actions only, in the contract's order, so an edit elsewhere can never widen the set. */
const allowedOf = (v: unknown): MobileAction[] => {
  const raw = json<unknown>(v);
  const names = Array.isArray(raw) ? raw : [];
  return MOBILE_ACTIONS.filter((a) => names.some((n) => MobileAction.safeParse(n).data === a));
};

const mapPolicy = (r: Row): MobilePolicy => ({
  allowed: allowedOf(r.allowed),
  updatedAt: iso(r.updated_at),
  updatedBy: str(r.updated_by),
});

export async function getMobilePolicy(db: SqlExecutor, scope: TenantScope): Promise<MobilePolicy> {
  const { rows } = await db.query('SELECT * FROM mobile_policies WHERE tenant_id = $1', [
    scope.tenantId,
  ]);
  return rows[0] ? mapPolicy(rows[0]) : DEFAULT_MOBILE_POLICY;
}

/** Replaces the tenant's policy; answers the one before (for the audit row) and after. */
export async function putMobilePolicy(
  db: SqlExecutor,
  scope: TenantScope,
  input: { allowed: readonly MobileAction[]; by: string; now: string },
): Promise<{ before: MobilePolicy; after: MobilePolicy }> {
  const before = await getMobilePolicy(db, scope);
  const allowed = MOBILE_ACTIONS.filter((a) => input.allowed.includes(a));
  const { rows } = await db.query(
    `INSERT INTO mobile_policies (tenant_id, allowed, updated_at, updated_by)
     VALUES ($1, $2::jsonb, $3::timestamptz, $4)
     ON CONFLICT (tenant_id)
     DO UPDATE SET allowed = EXCLUDED.allowed, updated_at = EXCLUDED.updated_at,
                   updated_by = EXCLUDED.updated_by
     RETURNING *`,
    [scope.tenantId, jsonParam(allowed), input.now, input.by],
  );
  const row = rows[0];
  return { before, after: row ? mapPolicy(row) : before };
}
