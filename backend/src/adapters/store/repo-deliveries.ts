import { randomUUID } from 'node:crypto';
import type {
  Alert,
  AlertDelivery,
  DeliveryStatus,
  NotificationChannel,
} from '@bytelyst/trading-contracts';
import type {
  ClaimedDelivery,
  DeliveryOutcome,
  NewDelivery,
  Recipient,
} from '../../ports/notification-store.js';
import type { TenantScope } from '../../ports/store.js';
import type { Row, SqlExecutor } from './driver.js';
import { mapAlert } from './mappers.js';
import { listDevicesOf, listWebhooksOf, settingsOf } from './repo-notifications.js';
import { bool, int, iso, isoOrNull, str, strOrNull } from './row.js';

const mapDelivery = (r: Row): AlertDelivery => ({
  id: str(r.id),
  alertId: str(r.alert_id),
  channel: str(r.channel) as NotificationChannel,
  target: str(r.target),
  digest: bool(r.digest),
  status: str(r.status) as DeliveryStatus,
  attempts: int(r.attempts),
  nextAttemptAt: isoOrNull(r.next_attempt_at),
  lastError: strOrNull(r.last_error),
  deliveredAt: isoOrNull(r.delivered_at),
  createdAt: iso(r.created_at),
});

/** A delivery row joined with its alert (columns of the alert prefixed `a_`). */
const ALERT_JOIN = `SELECT d.*, a.id AS a_id, a.tenant_id AS a_tenant_id, a.profile_id AS a_profile_id,
  a.severity AS a_severity, a.kind AS a_kind, a.code AS a_code, a.message AS a_message,
  a.acknowledged AS a_acknowledged, a.acknowledged_by AS a_acknowledged_by,
  a.acknowledged_at AS a_acknowledged_at, a.resolved_by AS a_resolved_by,
  a.resolved_at AS a_resolved_at, a.created_at AS a_created_at
  FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id`;

const mapClaimed = (r: Row): ClaimedDelivery => {
  const alertRow: Row = {};
  for (const [k, v] of Object.entries(r)) if (k.startsWith('a_')) alertRow[k.slice(2)] = v;
  return {
    ...mapDelivery(r),
    tenantId: strOrNull(r.tenant_id),
    userId: str(r.user_id),
    receiptId: strOrNull(r.receipt_id),
    alert: mapAlert(alertRow),
  };
};

const ms = (epochMs: number) => new Date(epochMs).toISOString();

export const claimUnroutedAlerts = async (db: SqlExecutor, limit: number): Promise<Alert[]> => {
  // SKIP LOCKED: two instances draining at once take different alerts.
  const { rows } = await db.query(
    `UPDATE alerts SET routed_at = now() WHERE id IN (
       SELECT id FROM alerts WHERE routed_at IS NULL ORDER BY created_at, id LIMIT $1
       FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [limit],
  );
  return rows.map(mapAlert).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
};

export const recipientsOf = async (db: SqlExecutor, alert: Alert): Promise<Recipient[]> => {
  const { rows } = alert.profileId
    ? await db.query(
        `SELECT s.* FROM notification_settings s JOIN trading_profiles p
           ON p.tenant_id = s.tenant_id AND p.user_id = s.user_id
         WHERE p.tenant_id = $1 AND p.id = $2`,
        [alert.tenantId, alert.profileId],
      )
    : alert.tenantId
      ? await db.query('SELECT * FROM notification_settings WHERE tenant_id = $1', [alert.tenantId])
      : await db.query('SELECT * FROM notification_settings');
  const out: Recipient[] = [];
  for (const r of rows) {
    const scope = { tenantId: str(r.tenant_id), userId: str(r.user_id) };
    out.push({
      ...scope,
      settings: settingsOf(r.settings),
      webhooks: await listWebhooksOf(db, scope),
      devices: await listDevicesOf(db, scope),
    });
  }
  return out;
};

export const enqueueDeliveries = async (
  db: SqlExecutor,
  deliveries: readonly NewDelivery[],
  now: string,
): Promise<void> => {
  for (const d of deliveries) {
    await db.query(
      `INSERT INTO alert_deliveries (id, alert_id, tenant_id, user_id, channel, target, digest,
         status, attempts, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8::timestamptz, $9::timestamptz)
       ON CONFLICT (alert_id, user_id, channel, target) DO NOTHING`,
      [
        randomUUID(),
        d.alertId,
        d.tenantId,
        d.userId,
        d.channel,
        d.target,
        d.digest,
        ms(d.sendAt),
        now,
      ],
    );
  }
};

/**
 * Every due digest delivery of one user, channel and target, leased like claimDueDeliveries: the
 * rest of a digest window that one drain pass's limit left behind, so the window goes out as one
 * summary.
 */
export const claimDigestWindow = async (
  db: SqlExecutor,
  options: {
    userId: string;
    channel: string;
    target: string;
    now: number;
    leaseMs: number;
    limit: number;
  },
): Promise<ClaimedDelivery[]> => {
  const { rows: claimed } = await db.query(
    `UPDATE alert_deliveries SET next_attempt_at = $2::timestamptz WHERE id IN (
       SELECT id FROM alert_deliveries
       WHERE status = 'pending' AND digest AND user_id = $3 AND channel = $4 AND target = $5
         AND next_attempt_at <= $1::timestamptz
       ORDER BY next_attempt_at, id LIMIT $6 FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [
      ms(options.now),
      ms(options.now + options.leaseMs),
      options.userId,
      options.channel,
      options.target,
      options.limit,
    ],
  );
  if (claimed.length === 0) return [];
  const { rows } = await db.query(
    `${ALERT_JOIN} WHERE d.id = ANY($1::text[]) ORDER BY a.created_at, d.id`,
    [claimed.map((r) => str(r.id))],
  );
  return rows.map(mapClaimed);
};

export const claimDueDeliveries = async (
  db: SqlExecutor,
  options: { now: number; limit: number; leaseMs: number },
): Promise<ClaimedDelivery[]> => {
  const { rows: claimed } = await db.query(
    `UPDATE alert_deliveries SET next_attempt_at = $2::timestamptz WHERE id IN (
       SELECT id FROM alert_deliveries
       WHERE status = 'pending' AND next_attempt_at <= $1::timestamptz
       ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [ms(options.now), ms(options.now + options.leaseMs), options.limit],
  );
  if (claimed.length === 0) return [];
  const { rows } = await db.query(
    `${ALERT_JOIN} WHERE d.id = ANY($1::text[]) ORDER BY a.created_at, d.id`,
    [claimed.map((r) => str(r.id))],
  );
  return rows.map(mapClaimed);
};

export const recordDeliveryOutcome = async (
  db: SqlExecutor,
  id: string,
  outcome: DeliveryOutcome,
  now: number,
): Promise<void> => {
  switch (outcome.status) {
    case 'delivered':
      await db.query(
        `UPDATE alert_deliveries SET status = 'delivered', attempts = attempts + 1,
           delivered_at = $2::timestamptz, next_attempt_at = NULL, last_error = NULL,
           receipt_id = $3
         WHERE id = $1`,
        [id, ms(now), outcome.receiptId ?? null],
      );
      return;
    case 'retry':
      await db.query(
        `UPDATE alert_deliveries SET attempts = attempts + 1, last_error = $2,
           next_attempt_at = $3::timestamptz WHERE id = $1`,
        [id, outcome.error.slice(0, 500), ms(outcome.nextAttemptAt)],
      );
      return;
    case 'failed':
    case 'dropped':
      await db.query(
        `UPDATE alert_deliveries SET status = $2, attempts = attempts + 1, last_error = $3,
           next_attempt_at = NULL WHERE id = $1`,
        [id, outcome.status, outcome.error.slice(0, 500)],
      );
      return;
  }
};

export const pushAwaitingReceipt = async (
  db: SqlExecutor,
  options: { deliveredBefore: number; limit: number },
): Promise<ClaimedDelivery[]> => {
  const { rows } = await db.query(
    `${ALERT_JOIN} WHERE d.channel = 'push' AND d.status = 'delivered'
       AND d.receipt_id IS NOT NULL AND d.delivered_at <= $1::timestamptz
     ORDER BY d.delivered_at, d.id LIMIT $2`,
    [ms(options.deliveredBefore), options.limit],
  );
  return rows.map(mapClaimed);
};

/** A receipt is checked once: ok clears the ticket; an error marks the delivery dropped. */
export const recordReceipt = async (
  db: SqlExecutor,
  id: string,
  outcome: { ok: true } | { ok: false; error: string },
): Promise<void> => {
  if (outcome.ok) {
    await db.query('UPDATE alert_deliveries SET receipt_id = NULL WHERE id = $1', [id]);
    return;
  }
  await db.query(
    `UPDATE alert_deliveries SET receipt_id = NULL, status = 'dropped', last_error = $2
     WHERE id = $1`,
    [id, outcome.error.slice(0, 500)],
  );
};

export const listDeliveries = async (
  db: SqlExecutor,
  scope: TenantScope,
  alertId: string,
  userId?: string,
): Promise<AlertDelivery[]> => {
  const { rows } = userId
    ? await db.query(
        `SELECT d.* FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
         WHERE d.alert_id = $1 AND (a.tenant_id = $2 OR a.tenant_id IS NULL) AND d.user_id = $3
         ORDER BY d.created_at, d.id`,
        [alertId, scope.tenantId, userId],
      )
    : await db.query(
        `SELECT d.* FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
         WHERE d.alert_id = $1 AND (a.tenant_id = $2 OR a.tenant_id IS NULL) AND d.tenant_id = $2
         ORDER BY d.created_at, d.id`,
        [alertId, scope.tenantId],
      );
  return rows.map(mapDelivery);
};
