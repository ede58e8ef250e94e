import type { SqlDb } from './db.js';

/**
 * Versioned, append-only: a released migration is never edited, a change is a new entry.
 * SQL is written for both PostgreSQL 15 (server) and PGlite (PostgreSQL 18 in WASM).
 */
const MIGRATIONS: { version: number; name: string; sql: string; statements?: string[] }[] = [
  {
    version: 1,
    name: 'identity',
    sql: `
      CREATE TABLE tenants (
        id text PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE TABLE users (
        id text PRIMARY KEY,
        tenant_id text NOT NULL REFERENCES tenants(id),
        email text NOT NULL UNIQUE,
        display_name text,
        role text NOT NULL CHECK (role IN ('admin', 'user')),
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        password_changed_at timestamptz NOT NULL
      );
      CREATE INDEX users_tenant_idx ON users (tenant_id);
      CREATE TABLE sessions (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id),
        tenant_id text NOT NULL,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        user_agent text,
        revoked_at timestamptz,
        revoke_reason text
      );
      CREATE INDEX sessions_user_idx ON sessions (user_id);
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        session_id text NOT NULL REFERENCES sessions(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz
      );
      CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
      CREATE TABLE password_resets (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE TABLE login_throttle (
        email text PRIMARY KEY,
        failures integer NOT NULL,
        window_start timestamptz NOT NULL,
        locked_until timestamptz
      );
      CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        private_jwk jsonb NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        retired_at timestamptz
      );
    `,
  },
  {
    version: 2,
    name: 'controls-telemetry-audit',
    sql: `
      CREATE TABLE product_status (
        product_id text PRIMARY KEY,
        enabled boolean NOT NULL,
        maintenance_active boolean NOT NULL,
        maintenance_message text,
        maintenance_expected_end_at timestamptz,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE feature_flags (
        product_id text NOT NULL REFERENCES product_status(product_id),
        key text NOT NULL,
        default_value boolean NOT NULL,
        tenants jsonb NOT NULL,
        users jsonb NOT NULL,
        rollout_percent integer,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (product_id, key)
      );
      CREATE TABLE telemetry_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        received_at timestamptz NOT NULL,
        name text NOT NULL,
        surface text NOT NULL,
        app_version text NOT NULL,
        session_id text NOT NULL,
        request_id text,
        at timestamptz NOT NULL,
        tenant_id text,
        user_id text,
        attributes jsonb NOT NULL
      );
      CREATE INDEX telemetry_name_idx ON telemetry_events (name, id);
      CREATE TABLE audit_events (
        seq integer PRIMARY KEY,
        id text NOT NULL UNIQUE,
        at timestamptz NOT NULL,
        actor jsonb NOT NULL,
        tenant_id text,
        action text NOT NULL,
        target text NOT NULL,
        before jsonb,
        after jsonb,
        reason text,
        request_id text,
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'throttle-per-source',
    // Sign-in attempts are charged per (email, source) and per email; see domain/lockout.ts.
    sql: `
      DROP TABLE login_throttle;
      CREATE TABLE login_attempts (
        email text NOT NULL,
        source text NOT NULL,
        failures integer NOT NULL,
        last_attempt_at timestamptz NOT NULL,
        blocked_until timestamptz,
        PRIMARY KEY (email, source)
      );
      CREATE TABLE login_known_sources (
        email text NOT NULL,
        source text NOT NULL,
        last_success_at timestamptz NOT NULL,
        PRIMARY KEY (email, source)
      );
    `,
  },
  {
    version: 4,
    name: 'audit-append-only',
    sql: '',
    // Function bodies hold semicolons, so these are whole statements (not split on ';').
    statements: [
      `CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = '42501';
       END $$`,
      `CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_events
         FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`,
      `CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_events
         FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
    ],
  },
  {
    version: 5,
    name: 'revocation-feed',
    // GET /auth/revocations reads recent revocations by time.
    sql: `CREATE INDEX sessions_revoked_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL`,
  },
  {
    version: 6,
    name: 'roles-and-disabled-tenants',
    // "admin" was one role over every tenant; it becomes the product's operators, and each
    // customer gets its own tenant admins (see Role in the contracts).
    sql: `
      ALTER TABLE users DROP CONSTRAINT users_role_check;
      UPDATE users SET role = 'operator' WHERE role = 'admin';
      ALTER TABLE users ADD CONSTRAINT users_role_check
        CHECK (role IN ('operator', 'tenant_admin', 'user'));
      ALTER TABLE tenants ADD COLUMN disabled boolean NOT NULL DEFAULT false
    `,
  },
];

/** Applies pending migrations under an advisory lock so several instances can start together. */
export async function migrate(db: SqlDb): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(4100)');
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      // Statements are split so both drivers run them inside the same transaction.
      const statements = [...m.sql.split(';').map((s) => s.trim()), ...(m.statements ?? [])];
      for (const statement of statements) {
        if (statement) await tx.query(statement);
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    return applied;
  });
}

export const LATEST_MIGRATION = MIGRATIONS.length;
