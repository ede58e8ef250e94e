/**
 * Webhook secrets sealed at rest like venue keys: `sealed` holds the envelope (ciphertext, IV,
 * tag, data key wrapped by the KEK `kek_id`); `secret_hint` the last four characters, for the
 * screen. Rows written before this keep their plain `secret` only until the backend's first start
 * seals them (services/alerts/webhook-service.ts sealLegacy), which also clears the column.
 * The last attempt to reach an endpoint (a delivery or a test) is kept on the row.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
ALTER TABLE webhook_endpoints ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE webhook_endpoints ADD COLUMN sealed jsonb;
ALTER TABLE webhook_endpoints ADD COLUMN kek_id text;
ALTER TABLE webhook_endpoints ADD COLUMN secret_hint text NOT NULL DEFAULT '';
ALTER TABLE webhook_endpoints ADD COLUMN last_ok boolean;
ALTER TABLE webhook_endpoints ADD COLUMN last_error text;
ALTER TABLE webhook_endpoints ADD COLUMN last_at timestamptz;
ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_secret_kept
  CHECK ((sealed IS NULL) = (kek_id IS NULL) AND (sealed IS NOT NULL OR secret IS NOT NULL));
-- Never both: sealing clears the plain column in the same statement.
ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_secret_once
  CHECK (sealed IS NULL OR secret IS NULL);
CREATE INDEX webhook_endpoints_by_kek ON webhook_endpoints (kek_id) WHERE kek_id IS NOT NULL;
`;
