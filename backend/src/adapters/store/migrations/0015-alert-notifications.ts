/**
 * Alerts gain a kind (for muting and routing), who acknowledged or resolved them and when, and a
 * routing mark: the alerts table is the notifier's outbox, so the trading loop only inserts a row
 * and never waits on a channel. Deliveries are recorded per alert, user, channel and target.
 *
 * `acknowledged` stays the truth of "acknowledged" (older builds write it); the state is derived:
 * resolved when resolved_at is set, acknowledged when the flag is, open otherwise.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
-- Nullable: journal_commit fills rows with jsonb_populate_recordset, where a key an older build
-- does not send is NULL, not the default. The store reads NULL as the code's kind.
ALTER TABLE alerts ADD COLUMN kind text CHECK (kind IN (
  'risk_halt', 'drawdown', 'mismatch', 'order_rejected', 'outage', 'model_drift',
  'control_change', 'fill', 'other'));
UPDATE alerts SET kind = CASE code
  WHEN 'MAX_DRAWDOWN_HALT' THEN 'drawdown'
  WHEN 'EXIT_REFUSED' THEN 'mismatch'
  WHEN 'POSITION_MISMATCH' THEN 'mismatch'
  WHEN 'EXTERNAL_ORDER' THEN 'mismatch'
  WHEN 'EXTERNAL_FILL' THEN 'mismatch'
  WHEN 'OVERFILL_REPORT' THEN 'mismatch'
  WHEN 'ORDER_NOT_PLACED' THEN 'order_rejected'
  WHEN 'MARKET_DATA_STALE' THEN 'outage'
  ELSE 'other' END;
ALTER TABLE alerts ADD COLUMN acknowledged_by text;
ALTER TABLE alerts ADD COLUMN acknowledged_at timestamptz;
ALTER TABLE alerts ADD COLUMN resolved_by text;
ALTER TABLE alerts ADD COLUMN resolved_at timestamptz;
-- NULL = not yet fanned out to notification channels. Rows from before this migration count as
-- routed so the first start does not send the whole history.
ALTER TABLE alerts ADD COLUMN routed_at timestamptz;
UPDATE alerts SET routed_at = created_at;
CREATE INDEX alerts_unrouted ON alerts (created_at) WHERE routed_at IS NULL;
CREATE INDEX alerts_open ON alerts (tenant_id, created_at DESC, id DESC) WHERE NOT acknowledged;

CREATE TABLE notification_settings (
  tenant_id text NOT NULL REFERENCES tenants (id),
  user_id text NOT NULL,
  settings jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  user_id text NOT NULL,
  url text NOT NULL,
  format text NOT NULL CHECK (format IN ('json', 'slack', 'discord')),
  secret text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_by_user ON webhook_endpoints (tenant_id, user_id);

CREATE TABLE push_devices (
  token text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id),
  user_id text NOT NULL,
  platform text NOT NULL CHECK (platform IN ('ios', 'android', 'web')),
  name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX push_devices_by_user ON push_devices (tenant_id, user_id);

CREATE TABLE alert_deliveries (
  id text PRIMARY KEY,
  alert_id text NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  tenant_id text,
  user_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'webhook', 'push')),
  target text NOT NULL,
  digest boolean NOT NULL DEFAULT false,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'dropped')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_error text,
  -- Expo's ticket id, checked for a receipt after delivery.
  receipt_id text,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL,
  UNIQUE (alert_id, user_id, channel, target)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX alert_deliveries_by_alert ON alert_deliveries (alert_id);
`;
