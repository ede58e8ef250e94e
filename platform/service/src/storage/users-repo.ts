import { AppError, type Role } from '@bytelyst/trading-contracts';
import { toIsoRequired, type SqlExecutor } from './db.js';

export interface Tenant {
  id: string;
  name: string;
  disabled: boolean;
  createdAt: string;
}

export interface UserRecord {
  id: string;
  tenantId: string;
  email: string;
  displayName: string | null;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  passwordChangedAt: string;
}

interface UserRow {
  id: string;
  tenant_id: string;
  email: string;
  display_name: string | null;
  role: Role;
  password_hash: string;
  disabled: boolean;
  created_at: Date;
  password_changed_at: Date;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  passwordHash: r.password_hash,
  disabled: r.disabled,
  createdAt: toIsoRequired(r.created_at),
  passwordChangedAt: toIsoRequired(r.password_changed_at),
});

/** Emails are compared case-insensitively everywhere; they are stored lower-cased. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export const usersRepo = {
  async upsertTenant(db: SqlExecutor, t: { id: string; name: string; now: Date }): Promise<void> {
    await db.query(
      `INSERT INTO tenants (id, name, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
      [t.id, t.name, t.now],
    );
  },

  async listTenants(db: SqlExecutor): Promise<Tenant[]> {
    const rows = await db.query<{ id: string; name: string; disabled: boolean; created_at: Date }>(
      'SELECT id, name, disabled, created_at FROM tenants ORDER BY id',
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      disabled: r.disabled,
      createdAt: toIsoRequired(r.created_at),
    }));
  },

  async findTenant(db: SqlExecutor, id: string): Promise<Tenant | null> {
    return (await usersRepo.listTenants(db)).find((t) => t.id === id) ?? null;
  },

  /** Returns the previous value, or null when there is no such tenant. */
  async setTenantDisabled(
    db: SqlExecutor,
    t: { id: string; disabled: boolean },
  ): Promise<boolean | null> {
    const rows = await db.query<{ was: boolean }>(
      `UPDATE tenants SET disabled = $2 WHERE id = $1
       RETURNING (SELECT disabled FROM tenants WHERE id = $1) AS was`,
      [t.id, t.disabled],
    );
    return rows[0] ? rows[0].was : null;
  },

  async setUserDisabled(
    db: SqlExecutor,
    u: { id: string; disabled: boolean },
  ): Promise<boolean | null> {
    const rows = await db.query<{ was: boolean }>(
      `UPDATE users SET disabled = $2 WHERE id = $1
       RETURNING (SELECT disabled FROM users WHERE id = $1) AS was`,
      [u.id, u.disabled],
    );
    return rows[0] ? rows[0].was : null;
  },

  async tenantExists(db: SqlExecutor, id: string): Promise<boolean> {
    const rows = await db.query('SELECT 1 FROM tenants WHERE id = $1', [id]);
    return rows.length > 0;
  },

  /** Inserts a user; an existing email or id is a CONFLICT unless `upsert` asks to overwrite. */
  async insertUser(
    db: SqlExecutor,
    u: Omit<UserRecord, 'createdAt' | 'passwordChangedAt' | 'disabled'> & {
      now: Date;
      upsert?: boolean;
    },
  ): Promise<UserRecord> {
    const conflict = u.upsert
      ? `ON CONFLICT (id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, email = EXCLUDED.email,
           display_name = EXCLUDED.display_name, role = EXCLUDED.role`
      : 'ON CONFLICT DO NOTHING';
    const rows = await db.query<UserRow>(
      `INSERT INTO users (id, tenant_id, email, display_name, role, password_hash, created_at,
         password_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ${conflict} RETURNING *`,
      [u.id, u.tenantId, normaliseEmail(u.email), u.displayName, u.role, u.passwordHash, u.now],
    );
    const row = rows[0];
    if (!row) throw new AppError('CONFLICT', 'A user with this id or email already exists.');
    return toUser(row);
  },

  async findByEmail(db: SqlExecutor, email: string): Promise<UserRecord | null> {
    const rows = await db.query<UserRow>('SELECT * FROM users WHERE email = $1', [
      normaliseEmail(email),
    ]);
    return rows[0] ? toUser(rows[0]) : null;
  },

  async findById(db: SqlExecutor, id: string): Promise<UserRecord | null> {
    const rows = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] ? toUser(rows[0]) : null;
  },

  async listUsers(db: SqlExecutor, scope: { tenantId?: string }): Promise<UserRecord[]> {
    const rows = scope.tenantId
      ? await db.query<UserRow>('SELECT * FROM users WHERE tenant_id = $1 ORDER BY email', [
          scope.tenantId,
        ])
      : await db.query<UserRow>('SELECT * FROM users ORDER BY email');
    return rows.map(toUser);
  },

  async setPassword(
    db: SqlExecutor,
    p: { userId: string; passwordHash: string; now: Date },
  ): Promise<void> {
    await db.query('UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1', [
      p.userId,
      p.passwordHash,
      p.now,
    ]);
  },
};
