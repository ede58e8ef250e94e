import type { AttemptState } from '../domain/lockout.js';
import { toIso, toIsoRequired, type SqlExecutor } from './db.js';

export interface SessionRecord {
  id: string;
  userId: string;
  tenantId: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

interface SessionRow {
  id: string;
  user_id: string;
  tenant_id: string;
  created_at: Date;
  last_used_at: Date;
  expires_at: Date;
  user_agent: string | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  userId: r.user_id,
  tenantId: r.tenant_id,
  createdAt: toIsoRequired(r.created_at),
  lastUsedAt: toIsoRequired(r.last_used_at),
  expiresAt: toIsoRequired(r.expires_at),
  userAgent: r.user_agent,
  revokedAt: toIso(r.revoked_at),
  revokeReason: r.revoke_reason,
});

export interface RefreshTokenRecord {
  sessionId: string;
  expiresAt: string;
  rotatedAt: string | null;
}

/** Sessions are refresh-token families: every rotation stays in the session it started in. */
export const sessionsRepo = {
  async createSession(
    db: SqlExecutor,
    s: {
      id: string;
      userId: string;
      tenantId: string;
      userAgent: string | null;
      now: Date;
      expiresAt: Date;
    },
  ): Promise<void> {
    await db.query(
      `INSERT INTO sessions (id, user_id, tenant_id, created_at, last_used_at, expires_at, user_agent)
       VALUES ($1, $2, $3, $4, $4, $5, $6)`,
      [s.id, s.userId, s.tenantId, s.now, s.expiresAt, s.userAgent],
    );
  },

  async findSession(db: SqlExecutor, id: string): Promise<SessionRecord | null> {
    const rows = await db.query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [id]);
    return rows[0] ? toSession(rows[0]) : null;
  },

  async listActiveSessions(
    db: SqlExecutor,
    q: { userId: string; now: Date },
  ): Promise<SessionRecord[]> {
    const rows = await db.query<SessionRow>(
      `SELECT * FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
       ORDER BY created_at DESC`,
      [q.userId, q.now],
    );
    return rows.map(toSession);
  },

  async touchSession(db: SqlExecutor, s: { id: string; now: Date }): Promise<void> {
    await db.query('UPDATE sessions SET last_used_at = $2 WHERE id = $1', [s.id, s.now]);
  },

  /** Revokes one session (and so its whole refresh family); returns whether it was live. */
  async revokeSession(
    db: SqlExecutor,
    s: { id: string; reason: string; now: Date },
  ): Promise<boolean> {
    const rows = await db.query(
      `UPDATE sessions SET revoked_at = $2, revoke_reason = $3
       WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [s.id, s.now, s.reason],
    );
    return rows.length > 0;
  },

  /** Sessions revoked at or after `since`, oldest first (the revocation feed). */
  async revokedSince(
    db: SqlExecutor,
    q: { since: Date; limit: number },
  ): Promise<{ id: string; revokedAt: string }[]> {
    const rows = await db.query<{ id: string; revoked_at: Date }>(
      `SELECT id, revoked_at FROM sessions WHERE revoked_at >= $1
       ORDER BY revoked_at LIMIT $2`,
      [q.since, q.limit],
    );
    return rows.map((r) => ({ id: r.id, revokedAt: toIsoRequired(r.revoked_at) }));
  },

  async revokeAllForTenant(
    db: SqlExecutor,
    s: { tenantId: string; reason: string; now: Date },
  ): Promise<number> {
    const rows = await db.query(
      `UPDATE sessions SET revoked_at = $2, revoke_reason = $3
       WHERE tenant_id = $1 AND revoked_at IS NULL RETURNING id`,
      [s.tenantId, s.now, s.reason],
    );
    return rows.length;
  },

  async revokeAllForUser(
    db: SqlExecutor,
    s: { userId: string; reason: string; now: Date },
  ): Promise<number> {
    const rows = await db.query(
      `UPDATE sessions SET revoked_at = $2, revoke_reason = $3
       WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [s.userId, s.now, s.reason],
    );
    return rows.length;
  },

  async insertRefreshToken(
    db: SqlExecutor,
    t: { tokenHash: string; sessionId: string; now: Date; expiresAt: Date },
  ): Promise<void> {
    await db.query(
      `INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4)`,
      [t.tokenHash, t.sessionId, t.now, t.expiresAt],
    );
  },

  async findRefreshToken(db: SqlExecutor, tokenHash: string): Promise<RefreshTokenRecord | null> {
    const rows = await db.query<{ session_id: string; expires_at: Date; rotated_at: Date | null }>(
      'SELECT session_id, expires_at, rotated_at FROM refresh_tokens WHERE token_hash = $1',
      [tokenHash],
    );
    const r = rows[0];
    return r
      ? {
          sessionId: r.session_id,
          expiresAt: toIsoRequired(r.expires_at),
          rotatedAt: toIso(r.rotated_at),
        }
      : null;
  },

  /**
   * Marks a token used, atomically: of two racing refreshes with the same token only one gets
   * `true`; the other is treated as reuse.
   */
  async markRotated(db: SqlExecutor, t: { tokenHash: string; now: Date }): Promise<boolean> {
    const rows = await db.query(
      `UPDATE refresh_tokens SET rotated_at = $2
       WHERE token_hash = $1 AND rotated_at IS NULL RETURNING token_hash`,
      [t.tokenHash, t.now],
    );
    return rows.length > 0;
  },

  async insertPasswordReset(
    db: SqlExecutor,
    r: { tokenHash: string; userId: string; now: Date; expiresAt: Date },
  ): Promise<void> {
    await db.query(
      `INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4)`,
      [r.tokenHash, r.userId, r.now, r.expiresAt],
    );
  },

  /** Consumes a reset token exactly once; null when unknown, used or expired. */
  async consumePasswordReset(
    db: SqlExecutor,
    r: { tokenHash: string; now: Date },
  ): Promise<{ userId: string } | null> {
    const rows = await db.query<{ user_id: string }>(
      `UPDATE password_resets SET used_at = $2
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id`,
      [r.tokenHash, r.now],
    );
    return rows[0] ? { userId: rows[0].user_id } : null;
  },

  /**
   * Locks (creating if needed) the attempt row of (email, source) for the rest of `tx`, so two
   * concurrent sign-ins of the same pair charge one after the other. `source` '*' is the
   * account-wide row. Rows are always locked account row first, so two transactions never wait
   * on each other in opposite orders.
   */
  async lockAttempts(
    tx: SqlExecutor,
    key: { email: string; source: string; now: Date },
  ): Promise<AttemptState | null> {
    await tx.query(
      `INSERT INTO login_attempts (email, source, failures, last_attempt_at)
       VALUES ($1, $2, 0, $3) ON CONFLICT (email, source) DO NOTHING`,
      [key.email, key.source, new Date(0)],
    );
    const rows = await tx.query<{
      failures: number;
      last_attempt_at: Date;
      blocked_until: Date | null;
    }>(
      `SELECT failures, last_attempt_at, blocked_until FROM login_attempts
       WHERE email = $1 AND source = $2 FOR UPDATE`,
      [key.email, key.source],
    );
    const r = rows[0];
    if (!r || Number(r.failures) === 0) return null;
    return {
      failures: Number(r.failures),
      lastAttemptAt: new Date(r.last_attempt_at),
      blockedUntil: r.blocked_until ? new Date(r.blocked_until) : null,
    };
  },

  async putAttempts(
    tx: SqlExecutor,
    key: { email: string; source: string },
    state: AttemptState,
  ): Promise<void> {
    await tx.query(
      `UPDATE login_attempts SET failures = $3, last_attempt_at = $4, blocked_until = $5
       WHERE email = $1 AND source = $2`,
      [key.email, key.source, state.failures, state.lastAttemptAt, state.blockedUntil],
    );
  },

  /** A success clears the source's count and makes it a known source of the account. */
  async recordSuccess(
    db: SqlExecutor,
    key: { email: string; source: string; now: Date },
  ): Promise<void> {
    await db.query('DELETE FROM login_attempts WHERE email = $1 AND source = $2', [
      key.email,
      key.source,
    ]);
    await db.query(
      `INSERT INTO login_known_sources (email, source, last_success_at) VALUES ($1, $2, $3)
       ON CONFLICT (email, source) DO UPDATE SET last_success_at = EXCLUDED.last_success_at`,
      [key.email, key.source, key.now],
    );
  },

  async isKnownSource(db: SqlExecutor, key: { email: string; source: string }): Promise<boolean> {
    const rows = await db.query(
      'SELECT 1 FROM login_known_sources WHERE email = $1 AND source = $2',
      [key.email, key.source],
    );
    return rows.length > 0;
  },

  /** Every count of an account, all sources (a password reset proves control of the mailbox). */
  async clearAttempts(db: SqlExecutor, email: string): Promise<void> {
    await db.query('DELETE FROM login_attempts WHERE email = $1', [email]);
  },
};
