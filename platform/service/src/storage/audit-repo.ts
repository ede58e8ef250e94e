import { createHash, randomUUID } from 'node:crypto';
import type { PlatformAuditAction, PlatformAuditEvent } from '@bytelyst/trading-contracts';
import { toIsoRequired, type SqlExecutor } from './db.js';

export type AuditActor = PlatformAuditEvent['actor'];
type Json = PlatformAuditEvent['before'];

export interface NewAuditEvent {
  actor: AuditActor;
  tenantId: string | null;
  action: PlatformAuditAction;
  target: string;
  before?: Json;
  after?: Json;
  reason?: string | null;
  requestId?: string | null;
  at: Date;
}

const GENESIS = '0'.repeat(64);

/** Key-sorted JSON, so a row read back from jsonb (which reorders keys) hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(e: Omit<PlatformAuditEvent, 'hash'>): string {
  return createHash('sha256').update(canonical(e)).digest('hex');
}

interface AuditRow {
  seq: number;
  id: string;
  at: Date;
  actor: AuditActor;
  tenant_id: string | null;
  action: PlatformAuditAction;
  target: string;
  before: Json;
  after: Json;
  reason: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

const toEvent = (r: AuditRow): PlatformAuditEvent => ({
  id: r.id,
  seq: Number(r.seq),
  at: toIsoRequired(r.at),
  actor: r.actor,
  tenantId: r.tenant_id,
  action: r.action,
  target: r.target,
  before: r.before,
  after: r.after,
  reason: r.reason,
  requestId: r.request_id,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export const auditRepo = {
  /**
   * Appends inside the caller's transaction, so a change and its audit row commit together.
   * The advisory lock serialises writers: the chain has exactly one successor per row.
   */
  async append(tx: SqlExecutor, e: NewAuditEvent): Promise<PlatformAuditEvent> {
    await tx.query('SELECT pg_advisory_xact_lock(4101)');
    const last = await tx.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    const body: Omit<PlatformAuditEvent, 'hash'> = {
      id: randomUUID(),
      seq: last[0] ? Number(last[0].seq) + 1 : 1,
      at: e.at.toISOString(),
      actor: e.actor,
      tenantId: e.tenantId,
      action: e.action,
      target: e.target,
      before: e.before ?? null,
      after: e.after ?? null,
      reason: e.reason ?? null,
      requestId: e.requestId ?? null,
      prevHash: last[0]?.hash ?? GENESIS,
    };
    const event = { ...body, hash: auditHash(body) };
    await tx.query(
      `INSERT INTO audit_events (seq, id, at, actor, tenant_id, action, target, before, after,
         reason, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13)`,
      [
        event.seq,
        event.id,
        event.at,
        JSON.stringify(event.actor),
        event.tenantId,
        event.action,
        event.target,
        event.before === null ? null : JSON.stringify(event.before),
        event.after === null ? null : JSON.stringify(event.after),
        event.reason,
        event.requestId,
        event.prevHash,
        event.hash,
      ],
    );
    return event;
  },

  async list(
    db: SqlExecutor,
    q: {
      action?: PlatformAuditAction | undefined;
      /** null or absent: every tenant's rows and the product's own. */
      tenantId?: string | null | undefined;
      limit: number;
    },
  ): Promise<PlatformAuditEvent[]> {
    const rows = await db.query<AuditRow>(
      `SELECT * FROM audit_events
       WHERE ($1::text IS NULL OR action = $1) AND ($2::text IS NULL OR tenant_id = $2)
       ORDER BY seq DESC LIMIT $3`,
      [q.action ?? null, q.tenantId ?? null, q.limit],
    );
    return rows.map(toEvent);
  },

  /** Walks the whole chain; returns the first broken seq, or null when intact. */
  async verifyChain(db: SqlExecutor): Promise<number | null> {
    const rows = await db.query<AuditRow>('SELECT * FROM audit_events ORDER BY seq');
    let prev = GENESIS;
    for (const e of rows.map(toEvent)) {
      const { hash, ...body } = e;
      if (e.prevHash !== prev || auditHash(body) !== hash) return e.seq;
      prev = hash;
    }
    return null;
  },
};
