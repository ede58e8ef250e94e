import { randomUUID } from 'node:crypto';
import {
  AppError,
  NotificationSettings,
  type WebhookEndpoint,
  type WebhookFormat,
} from '@bytelyst/trading-contracts';
import type { PushDevice, StoredWebhook, UserScope } from '../../ports/notification-store.js';
import type { Row, SqlExecutor } from './driver.js';
import { iso, json, jsonParam, str } from './row.js';

export const mapWebhook = (r: Row): StoredWebhook => ({
  id: str(r.id),
  tenantId: str(r.tenant_id),
  userId: str(r.user_id),
  url: str(r.url),
  format: str(r.format) as WebhookFormat,
  secret: str(r.secret),
  createdAt: iso(r.created_at),
});

export const publicWebhook = (w: StoredWebhook): WebhookEndpoint => ({
  id: w.id,
  url: w.url,
  format: w.format,
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
  input: { url: string; format: WebhookFormat; secret: string },
): Promise<WebhookEndpoint> => {
  const { rows } = await db.query(
    `INSERT INTO webhook_endpoints (id, tenant_id, user_id, url, format, secret, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz) RETURNING *`,
    [randomUUID(), scope.tenantId, scope.userId, input.url, input.format, input.secret, scope.now],
  );
  return publicWebhook(mapWebhook(rows[0] as Row));
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
