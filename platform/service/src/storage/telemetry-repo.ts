import type { TelemetryEvent, TelemetryQuery, TelemetryRecord } from '@bytelyst/trading-contracts';
import { toIsoRequired, type SqlExecutor } from './db.js';

interface TelemetryRow {
  id: string | number;
  received_at: Date;
  name: string;
  surface: TelemetryEvent['surface'];
  app_version: string;
  session_id: string;
  request_id: string | null;
  at: Date;
  tenant_id: string | null;
  user_id: string | null;
  attributes: TelemetryEvent['attributes'];
}

export const telemetryRepo = {
  async insertBatch(
    db: SqlExecutor,
    b: {
      events: TelemetryEvent[];
      tenantId: string | null;
      userId: string | null;
      receivedAt: Date;
    },
  ): Promise<void> {
    if (b.events.length === 0) return;
    // One multi-row INSERT: a batch is stored whole or not at all.
    const params: unknown[] = [];
    const tuples = b.events.map((e) => {
      const base = params.length;
      params.push(
        b.receivedAt,
        e.name,
        e.surface,
        e.appVersion,
        e.sessionId,
        e.requestId,
        e.at,
        b.tenantId,
        b.userId,
        JSON.stringify(e.attributes),
      );
      const p = (i: number) => `$${base + i}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}::jsonb)`;
    });
    await db.query(
      `INSERT INTO telemetry_events (received_at, name, surface, app_version, session_id,
         request_id, at, tenant_id, user_id, attributes) VALUES ${tuples.join(', ')}`,
      params,
    );
  },

  /** Newest first; the cursor is the last id seen. */
  async query(
    db: SqlExecutor,
    q: TelemetryQuery,
  ): Promise<{ items: TelemetryRecord[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (q.name) add('name = ?', q.name);
    if (q.surface) add('surface = ?', q.surface);
    if (q.sessionId) add('session_id = ?', q.sessionId);
    if (q.cursor) add('id < ?', q.cursor);
    params.push(q.limit + 1);
    const rows = await db.query<TelemetryRow>(
      `SELECT * FROM telemetry_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, q.limit).map((r): TelemetryRecord => ({
      id: String(r.id),
      receivedAt: toIsoRequired(r.received_at),
      name: r.name,
      surface: r.surface,
      appVersion: r.app_version,
      sessionId: r.session_id,
      requestId: r.request_id,
      at: toIsoRequired(r.at),
      tenantId: r.tenant_id,
      userId: r.user_id,
      attributes: r.attributes,
    }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? last.id : null };
  },
};
