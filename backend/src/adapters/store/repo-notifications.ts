import {
  AppError,
  NotificationSettings,
  type WebhookEndpoint,
  type WebhookFormat,
} from '@bytelyst/trading-contracts';
import type {
  NewWebhook,
  PushDevice,
  StoredWebhook,
  UserScope,
  WebhookAttempt,
} from '../../ports/notification-store.js';
import type { StoredSealedSecret } from '../../ports/sealed-secret.js';
import type { Row, SqlExecutor } from './driver.js';
import { iso, json, jsonParam, str } from './row.js';

export const mapWebhook = (r: Row): StoredWebhook => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  userId: str(r.user_id),
  url: str(r.url),
  format: str(r.format) as WebhookFormat,
  sealed: (r.sealed as StoredSealedSecret | null | undefined) ?? null,
  legacySecret: r.secret === null || r.secret === undefined ? null : str(r.secret),
  secretHint: str(r.secret_hint),
  lastDelivery:
    r.last_at === null || r.last_at === undefined
      ? null
      : {
          ok: r.last_ok === true,
          at: iso(r.last_at),
          error: r.last_error === null || r.last_error === undefined ? null : str(r.last_error),
        },
  createdAt: iso(r.created_at),
});

export const publicWebhook = (w: StoredWebhook): WebhookEndpoint => ({
  id: w.id,
  url: w.url,
  format: w.format,
  secretHint: w.secretHint,
  lastDelivery: w.lastDelivery,
  createdAt: w.createdAt,
});

export const mapDevice = (r: Row): PushDevice => ({
  token: str(r.token),
  tenantId: str(r.tenant_id),
  userId: str(r.user_id),
  platform: str(r.platform) as PushDevice['platform'],
  name: str(r.name),
});

/** Parsed on read too: a row written by an older shape gets today's defaults, never a crash. */
export const settingsOf = (v: unknown): NotificationSettings =>
  NotificationSettings.parse(json<unknown>(v));

export const getNotificationSettings = async (
  db: SqlExecutor,
  scope: UserScope,
): Promise<NotificationSettings | null> => {
  const { rows } = await db.query(
    'SELECT settings FROM notification_settings WHERE tenant_id = $1 AND user_id = $2',
    [scope.tenantId, scope.userId],
  );
  return rows[0] ? settingsOf(rows[0].settings) : null;
};

export const putNotificationSettings = async (
  db: SqlExecutor,
  scope: UserScope & { now: string },
  settings: NotificationSettings,
): Promise<void> => {
  await db.query(
    `INSERT INTO notification_settings (tenant_id, user_id, settings, updated_at)
     VALUES ($1, $2, $3::jsonb, $4::timestamptz)
     ON CONFLICT (tenant_id, user_id)
     DO UPDATE SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at`,
    [scope.tenantId, scope.userId, jsonParam(settings), scope.now],
  );
};

export const listWebhooksOf = async (
  db: SqlExecutor,
  scope: UserScope,
): Promise<StoredWebhook[]> => {
  const { rows } = await db.query(
    `SELECT * FROM webhook_endpoints WHERE tenant_id = $1 AND user_id = $2
     ORDER BY created_at, id`,
    [scope.tenantId, scope.userId],
  );
  return rows.map(mapWebhook);
};

export const createWebhook = async (
  db: SqlExecutor,
  scope: UserScope & { now: string },
  input: NewWebhook,
): Promise<WebhookEndpoint> => {
  const { rows } = await db.query(
    `INSERT INTO webhook_endpoints
       (id, tenant_id, user_id, url, format, sealed, kek_id, secret_hint, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9::timestamptz) RETURNING *`,
    [
      input.id,
      scope.tenantId,
      scope.userId,
      input.url,
      input.format,
      jsonParam(input.sealed),
      input.sealed.kekId,
      input.secretHint,
      scope.now,
    ],
  );
  return publicWebhook(mapWebhook(rows[0] as Row));
};

export const getOwnWebhook = async (
  db: SqlExecutor,
  scope: UserScope,
  id: string,
): Promise<StoredWebhook | null> => {
  const { rows } = await db.query(
    'SELECT * FROM webhook_endpoints WHERE tenant_id = $1 AND user_id = $2 AND id = $3',
    [scope.tenantId, scope.userId, id],
  );
  return rows[0] ? mapWebhook(rows[0]) : null;
};

export const replaceWebhookSecret = async (
  db: SqlExecutor,
  scope: UserScope,
  input: { id: string; sealed: StoredSealedSecret; secretHint: string },
): Promise<WebhookEndpoint> => {
  const { rows } = await db.query(
    `UPDATE webhook_endpoints SET sealed = $4::jsonb, kek_id = $5, secret_hint = $6, secret = NULL
      WHERE tenant_id = $1 AND user_id = $2 AND id = $3 RETURNING *`,
    [
      scope.tenantId,
      scope.userId,
      input.id,
      jsonParam(input.sealed),
      input.sealed.kekId,
      input.secretHint,
    ],
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', `webhook ${input.id} not found`);
  return publicWebhook(mapWebhook(rows[0]));
};

export const recordWebhookAttempt = async (
  db: SqlExecutor,
  id: string,
  attempt: WebhookAttempt,
): Promise<void> => {
  await db.query(
    `UPDATE webhook_endpoints SET last_ok = $2, last_error = $3, last_at = $4::timestamptz
      WHERE id = $1`,
    [id, attempt.ok, attempt.error?.slice(0, 500) ?? null, new Date(attempt.at).toISOString()],
  );
};

export const legacyWebhooks = async (db: SqlExecutor, limit: number): Promise<StoredWebhook[]> => {
  const { rows } = await db.query(
    'SELECT * FROM webhook_endpoints WHERE sealed IS NULL ORDER BY id LIMIT $1',
    [limit],
  );
  return rows.map(mapWebhook);
};

export const webhooksNotUnder = async (
  db: SqlExecutor,
  kekId: string,
  limit: number,
): Promise<StoredWebhook[]> => {
  const { rows } = await db.query(
    `SELECT * FROM webhook_endpoints WHERE kek_id IS NOT NULL AND kek_id <> $1
      ORDER BY id LIMIT $2`,
    [kekId, limit],
  );
  return rows.map(mapWebhook);
};

export const swapWebhookSealed = async (
  db: SqlExecutor,
  input: {
    id: string;
    from: string | null;
    sealed: StoredSealedSecret;
    secretHint?: string | undefined;
  },
): Promise<boolean> => {
  const { rowCount } = await db.query(
    `UPDATE webhook_endpoints SET sealed = $3::jsonb, kek_id = $4, secret = NULL,
       secret_hint = COALESCE($5, secret_hint)
      WHERE id = $1 AND kek_id IS NOT DISTINCT FROM $2`,
    [input.id, input.from, jsonParam(input.sealed), input.sealed.kekId, input.secretHint ?? null],
  );
  return (rowCount ?? 0) > 0;
};

export const deleteWebhook = async (
  db: SqlExecutor,
  scope: UserScope,
  id: string,
): Promise<void> => {
  const { rowCount } = await db.query(
    'DELETE FROM webhook_endpoints WHERE tenant_id = $1 AND user_id = $2 AND id = $3',
    [scope.tenantId, scope.userId, id],
  );
  if (!rowCount) throw new AppError('NOT_FOUND', `webhook ${id} not found`);
};

export const getWebhook = async (db: SqlExecutor, id: string): Promise<StoredWebhook | null> => {
  const { rows } = await db.query('SELECT * FROM webhook_endpoints WHERE id = $1', [id]);
  return rows[0] ? mapWebhook(rows[0]) : null;
};

/** A token moves to whoever registers it last (a shared tablet, a reinstall). */
export const registerDevice = async (
  db: SqlExecutor,
  scope: UserScope & { now: string },
  device: Omit<PushDevice, 'tenantId' | 'userId'>,
): Promise<void> => {
  await db.query(
    `INSERT INTO push_devices (token, tenant_id, user_id, platform, name, created_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $6::timestamptz)
     ON CONFLICT (token) DO UPDATE SET tenant_id = EXCLUDED.tenant_id,
       user_id = EXCLUDED.user_id, platform = EXCLUDED.platform, name = EXCLUDED.name,
       last_seen_at = EXCLUDED.last_seen_at`,
    [device.token, scope.tenantId, scope.userId, device.platform, device.name, scope.now],
  );
};

export const removeDevice = async (
  db: SqlExecutor,
  token: string,
  scope?: UserScope,
): Promise<boolean> => {
  const { rowCount } = scope
    ? await db.query(
        'DELETE FROM push_devices WHERE token = $1 AND tenant_id = $2 AND user_id = $3',
        [token, scope.tenantId, scope.userId],
      )
    : await db.query('DELETE FROM push_devices WHERE token = $1', [token]);
  return (rowCount ?? 0) > 0;
};

export const listDevicesOf = async (db: SqlExecutor, scope: UserScope): Promise<PushDevice[]> => {
  const { rows } = await db.query(
    'SELECT * FROM push_devices WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at, token',
    [scope.tenantId, scope.userId],
  );
  return rows.map(mapDevice);
};
