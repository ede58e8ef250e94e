/**
 * Venue accounts: where a tenant's orders go. Credentials are stored sealed only (envelope
 * encryption: `sealed` holds the ciphertext, its IV and tag, and the data key wrapped by a KEK
 * named in `kek_id`), never in clear. `kek_id` is a column so rotation finds the rows still on an
 * old key with an index. Each user has one paper account (the partial unique index). Profiles
 * may name an account; NULL means the owner's paper account, as before this migration.
 *
 * NEVER edit once released; add a migration instead.
 */
export const sql = `
CREATE TABLE venue_accounts (
  tenant_id text NOT NULL,
  id text NOT NULL,
  owner_user_id text,
  venue_id text NOT NULL,
  label text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('paper', 'sandbox', 'live')),
  status text NOT NULL CHECK (status IN ('connected', 'error', 'disconnected')),
  key_hint text,
  kek_id text,
  sealed jsonb,
  can_withdraw boolean,
  balances jsonb NOT NULL DEFAULT '[]'::jsonb,
  last_sync_at timestamptz,
  last_error jsonb,
  created_at timestamptz NOT NULL,
  disconnected_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  -- Paper holds no credentials; a venue account holds them until it is disconnected.
  CHECK (venue_id <> 'paper' OR sealed IS NULL),
  CHECK (venue_id = 'paper' OR status = 'disconnected' OR sealed IS NOT NULL),
  CHECK ((sealed IS NULL) = (kek_id IS NULL))
);
CREATE UNIQUE INDEX venue_accounts_one_paper ON venue_accounts (tenant_id, owner_user_id)
  WHERE venue_id = 'paper';
CREATE INDEX venue_accounts_by_kek ON venue_accounts (kek_id) WHERE kek_id IS NOT NULL;
ALTER TABLE trading_profiles ADD COLUMN venue_account_id text;
`;
