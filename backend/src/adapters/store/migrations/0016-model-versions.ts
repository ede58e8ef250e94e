/**
 * The model registry: one row per trained model version of a tenant. `artifact` is the trained
 * model's canonical JSON as text (features, settings, fitted parameters, metrics), byte for byte
 * what was hashed: `checksum` is its SHA-256, so a reloaded version can be proved to be the one that was trained. A version is
 * never changed after it is written except by the kill switch (`disabled_*`).
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE TABLE model_versions (
  tenant_id text NOT NULL,
  id text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  symbol text NOT NULL,
  timeframe text NOT NULL,
  artifact text NOT NULL,
  checksum text NOT NULL,
  data_checksum text NOT NULL,
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL,
  disabled_at timestamptz,
  disabled_by text,
  disabled_reason text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (id),
  CHECK ((disabled_at IS NULL) = (disabled_reason IS NULL))
);
`;
