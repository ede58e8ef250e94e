import { AppError } from '@bytelyst/trading-contracts';
import type {
  ClaimIdempotencyInput,
  CompleteIdempotencyInput,
  IdempotencyClaim,
  TenantScope,
} from '../../ports/store.js';
import type { SqlExecutor } from './driver.js';
import { int, iso, jsonParam, str } from './row.js';

/**
 * The primary key (tenant, user, key) is the whole concurrency story: of two requests racing with
 * the same key exactly one INSERT wins and gets `claimed`; the other reads the winner's row.
 */
export const claimIdempotencyKey = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: ClaimIdempotencyInput & { now: string },
): Promise<IdempotencyClaim> => {
  const ids = [scope.tenantId, input.userId, input.key];
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (tenant_id, user_id, key, request_hash, created_at)
     VALUES ($1, $2, $3, $4, $5::timestamptz) ON CONFLICT DO NOTHING`,
    [...ids, input.requestHash, input.now],
  );
  if (inserted.rowCount === 1) return { status: 'claimed' };
  const { rows } = await db.query(
    'SELECT * FROM idempotency_keys WHERE tenant_id = $1 AND user_id = $2 AND key = $3',
    ids,
  );
  const row = rows[0];
  // Released between our INSERT and SELECT: the caller may simply retry.
  if (!row) return { status: 'in_progress' };
  if (str(row.request_hash) !== input.requestHash) {
    throw new AppError('IDEMPOTENCY_CONFLICT');
  }
  if (row.completed_at !== null) {
    return {
      status: 'completed',
      responseStatus: int(row.response_status),
      responseBody: row.response_body,
    };
  }
  if (input.staleAfterMs !== undefined) {
    const createdAt = iso(row.created_at);
    if (Date.parse(input.now) - Date.parse(createdAt) >= input.staleAfterMs) {
      // Take over a claim whose handler died; the created_at match makes one taker win.
      const taken = await db.query(
        `UPDATE idempotency_keys SET created_at = $4::timestamptz
         WHERE tenant_id = $1 AND user_id = $2 AND key = $3 AND completed_at IS NULL
           AND created_at = $5::timestamptz`,
        [...ids, input.now, createdAt],
      );
      if (taken.rowCount === 1) return { status: 'claimed' };
    }
  }
  return { status: 'in_progress' };
};

export const completeIdempotencyKey = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: CompleteIdempotencyInput & { now: string },
): Promise<void> => {
  const { rowCount } = await db.query(
    `UPDATE idempotency_keys SET response_status = $4, response_body = $5::jsonb,
       completed_at = $6::timestamptz
     WHERE tenant_id = $1 AND user_id = $2 AND key = $3 AND completed_at IS NULL`,
    [
      scope.tenantId,
      input.userId,
      input.key,
      input.responseStatus,
      jsonParam(input.responseBody),
      input.now,
    ],
  );
  if (rowCount !== 1) {
    throw new AppError('CONFLICT', `idempotency key ${input.key} is not claimed or already done`);
  }
};

export const releaseIdempotencyKey = async (
  db: SqlExecutor,
  scope: TenantScope,
  input: { userId: string; key: string },
): Promise<void> => {
  await db.query(
    `DELETE FROM idempotency_keys
     WHERE tenant_id = $1 AND user_id = $2 AND key = $3 AND completed_at IS NULL`,
    [scope.tenantId, input.userId, input.key],
  );
};

export const pruneIdempotencyKeys = async (
  db: SqlExecutor,
  input: { before: string },
): Promise<number> => {
  const { rowCount } = await db.query(
    'DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz',
    [input.before],
  );
  return rowCount;
};
