import { randomUUID } from 'node:crypto';
import type { AuditEvent, Page } from '@bytelyst/trading-contracts';
import type { AuditFilter, AuditVerifyResult, NewAuditEvent } from '../../ports/store.js';
import { GENESIS_HASH, auditHash, checkLink } from './audit-chain.js';
import { clampLimit, decodeCursor, encodeCursor } from './cursor.js';
import type { Row, SqlExecutor } from './driver.js';
import { mapAudit } from './mappers.js';
import { int, jsonParam, str } from './row.js';
import { SqlFilter } from './sql.js';

/** Drops `undefined` members the way the jsonb round trip will, so the hash survives storage. */
const asStoredJson = (v: unknown): AuditEvent['before'] =>
  v === undefined || v === null ? null : (JSON.parse(JSON.stringify(v)) as AuditEvent['before']);

/**
 * Appends one event. MUST run inside a transaction: the chain head row is locked FOR UPDATE until
 * commit, so concurrent appends (any instance) queue behind each other and each links to the
 * previous committed hash; the chain cannot fork. A rolled-back append leaves no gap because the
 * head update rolls back with it.
 */
export const appendAudit = async (
  db: SqlExecutor,
  input: NewAuditEvent & { now: string },
): Promise<AuditEvent> => {
  const head = await db.query('SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE');
  const headRow = head.rows[0] as Row;
  const unhashed: Omit<AuditEvent, 'hash'> = {
    id: randomUUID(),
    seq: int(headRow.seq) + 1,
    at: new Date(input.at ?? input.now).toISOString(),
    actor: input.actor,
    tenantId: input.tenantId,
    action: input.action,
    target: input.target,
    before: asStoredJson(input.before),
    after: asStoredJson(input.after),
    reason: input.reason ?? null,
    requestId: input.requestId ?? null,
    prevHash: str(headRow.hash),
  };
  const event: AuditEvent = { ...unhashed, hash: auditHash(unhashed) };
  await db.query(
    `INSERT INTO audit_events
       (seq, id, at, actor, tenant_id, action, target, before, after, reason, request_id,
        prev_hash, hash)
     VALUES ($1, $2, $3::timestamptz, $4::jsonb, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13)`,
    [
      event.seq,
      event.id,
      event.at,
      jsonParam(event.actor),
      event.tenantId,
      event.action,
      event.target,
      jsonParam(event.before),
      jsonParam(event.after),
      event.reason,
      event.requestId,
      event.prevHash,
      event.hash,
    ],
  );
  await db.query('UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1', [
    event.seq,
    event.hash,
  ]);
  return event;
};

/**
 * Newest first by seq. `tenantId` undefined = every tenant (admin only); the tenant-scoped
 * store method always passes one.
 */
export const listAudit = async (
  db: SqlExecutor,
  filter: AuditFilter & { tenantId?: string | undefined },
): Promise<Page<AuditEvent>> => {
  const limit = clampLimit(filter.limit);
  const cursor = decodeCursor(filter.cursor);
  const f = new SqlFilter().eq('tenant_id', filter.tenantId).eq('action', filter.action);
  if (cursor) f.and(`seq < ${f.param(Number(cursor.id))}`);
  const { rows } = await db.query(
    `SELECT * FROM audit_events ${f.where} ORDER BY seq DESC LIMIT ${f.param(limit + 1)}`,
    f.params,
  );
  const items = rows.slice(0, limit).map(mapAudit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ time: last.at, id: String(last.seq) }) : null,
  };
};

const VERIFY_BATCH = 1000;

/** Walks the whole chain in seq order and reports the first row that does not link. */
export const verifyAudit = async (db: SqlExecutor): Promise<AuditVerifyResult> => {
  let prev = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const { rows } = await db.query(
      'SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [prev.seq, VERIFY_BATCH],
    );
    for (const row of rows) {
      const event = mapAudit(row);
      const problem = checkLink(prev, event);
      if (problem) {
        return { ok: false, checked, brokenAt: { seq: event.seq, id: event.id }, problem };
      }
      checked += 1;
      prev = { seq: event.seq, hash: event.hash };
    }
    if (rows.length < VERIFY_BATCH) break;
  }
  // Rows cut from the tail leave a consistent prefix; the head row still remembers the real end.
  const head = (await db.query('SELECT seq, hash FROM audit_chain_head WHERE id = 1')).rows[0];
  if (!head || int(head.seq) !== prev.seq || str(head.hash) !== prev.hash) {
    return {
      ok: false,
      checked,
      brokenAt: { seq: head ? int(head.seq) : prev.seq, id: '' },
      problem: 'head_mismatch',
    };
  }
  return { ok: true, checked, headSeq: prev.seq };
};
