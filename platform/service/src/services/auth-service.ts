import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { AppError, type SessionInfo, type TokenPair } from '@bytelyst/trading-contracts';
import type { Clock } from '../domain/clock.js';
import { admit, DEFAULT_LOCKOUT_POLICY, type LockoutPolicy } from '../domain/lockout.js';
import type { SqlDb } from '../storage/db.js';
import { auditRepo } from '../storage/audit-repo.js';
import { sessionsRepo } from '../storage/sessions-repo.js';
import { normaliseEmail, usersRepo, type UserRecord } from '../storage/users-repo.js';
import type { PasswordHasher } from './passwords.js';
import type { SecurityAudit } from './security-audit.js';
import { hashToken, newOpaqueToken, type TokenService } from './tokens.js';

export interface AuthDeps {
  db: SqlDb;
  clock: Clock;
  tokens: TokenService;
  hasher: PasswordHasher;
  refreshTtlS: number;
  lockout?: LockoutPolicy;
  serviceClientSecret?: string | undefined;
  security?: SecurityAudit;
}

interface RequestMeta {
  requestId: string;
  userAgent?: string | null;
}

/** Sign-in, refresh rotation with reuse detection, sign-out and sessions. */
export class AuthService {
  constructor(private readonly deps: AuthDeps) {}

  /**
   * Signs in. The attempt is charged before the password is checked (see domain/lockout.ts), so
   * parallel guesses count exactly; `source` is the client address the attempt came from.
   */
  async login(
    input: { email: string; password: string; source: string } & RequestMeta,
  ): Promise<TokenPair> {
    const { db, clock, hasher } = this.deps;
    const email = normaliseEmail(input.email);
    const source = input.source.slice(0, 100);
    const now = clock.now();
    const gate = await this.charge(email, source, now);
    const user = await usersRepo.findByEmail(db, email);
    if (gate.refusedFor > 0) {
      // Kept per email whether or not it exists, so the refusal reveals nothing either.
      await this.auditFailure(user, {
        action: 'auth.throttled',
        source,
        email,
        requestId: input.requestId,
        after: { retryAfterSeconds: gate.refusedFor },
      });
      throw new AppError('ACCOUNT_LOCKED', undefined, {
        details: { retryAfterSeconds: gate.refusedFor },
      });
    }
    const ok = user
      ? await hasher.verify(user.passwordHash, input.password)
      : (await hasher.dummyVerify(input.password), false);
    if (!user || !ok || user.disabled || (await this.tenantDisabled(user.tenantId))) {
      await this.auditFailure(user, {
        action: gate.delayed ? 'auth.lockout' : 'auth.failure',
        source,
        email,
        requestId: input.requestId,
        after: { failures: gate.failures },
      });
      throw new AppError('INVALID_CREDENTIALS');
    }
    await sessionsRepo.recordSuccess(db, { email, source, now });
    return this.startSession(user, input);
  }

  private async tenantDisabled(tenantId: string): Promise<boolean> {
    return (await usersRepo.findTenant(this.deps.db, tenantId))?.disabled ?? false;
  }

  /** Charges one attempt to (email, source) and to the account, under row locks. */
  private async charge(
    email: string,
    source: string,
    now: Date,
  ): Promise<{ refusedFor: number; failures: number; delayed: boolean }> {
    const policy = this.deps.lockout ?? DEFAULT_LOCKOUT_POLICY;
    return this.deps.db.transaction(async (tx) => {
      const account = await sessionsRepo.lockAttempts(tx, { email, source: '*', now });
      const own = await sessionsRepo.lockAttempts(tx, { email, source, now });
      const mine = admit(own, now, policy.perSource);
      if (!mine.admitted) return { refusedFor: mine.retryAfterSeconds, failures: 0, delayed: true };
      const wide = admit(account, now, policy.perAccount);
      const known = await sessionsRepo.isKnownSource(tx, { email, source });
      // The owner's known sources are exempt from the account-wide delay (not from their own).
      if (!wide.admitted && !known)
        return { refusedFor: wide.retryAfterSeconds, failures: 0, delayed: true };
      await sessionsRepo.putAttempts(tx, { email, source }, mine.next);
      if (wide.admitted) await sessionsRepo.putAttempts(tx, { email, source: '*' }, wide.next);
      return {
        refusedFor: 0,
        failures: mine.next.failures,
        delayed: mine.next.blockedUntil !== null,
      };
    });
  }

  /** A known account's failure is one row; an unknown e-mail's is counted per source. */
  private async auditFailure(
    user: UserRecord | null,
    e: {
      action: 'auth.failure' | 'auth.lockout' | 'auth.throttled';
      source: string;
      email: string;
      requestId: string;
      after: Record<string, number>;
    },
  ): Promise<void> {
    const { db, clock } = this.deps;
    if (!user) {
      await this.deps.security?.anonymous(e.source, {
        action: e.action === 'auth.lockout' ? 'auth.failure' : e.action,
        target: 'auth:login',
        reason: 'sign-in refused for an unknown e-mail',
        requestId: e.requestId,
      });
      return;
    }
    await db.transaction((tx) =>
      auditRepo.append(tx, {
        actor: { type: 'user', id: user.id, tenantId: user.tenantId },
        tenantId: user.tenantId,
        action: e.action,
        target: `user:${user.id}`,
        after: { ...e.after, source: e.source },
        requestId: e.requestId,
        at: clock.now(),
      }),
    );
  }

  private async startSession(user: UserRecord, meta: RequestMeta): Promise<TokenPair> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const sid = randomUUID();
    const refreshToken = newOpaqueToken();
    const expiresAt = new Date(now.getTime() + this.deps.refreshTtlS * 1000);
    await db.transaction(async (tx) => {
      await sessionsRepo.createSession(tx, {
        id: sid,
        userId: user.id,
        tenantId: user.tenantId,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        now,
        expiresAt,
      });
      await sessionsRepo.insertRefreshToken(tx, {
        tokenHash: hashToken(refreshToken),
        sessionId: sid,
        now,
        expiresAt,
      });
    });
    return this.tokenPair(user, { sid, refreshToken });
  }

  private async tokenPair(
    user: UserRecord,
    s: { sid: string; refreshToken: string },
  ): Promise<TokenPair> {
    const accessToken = await this.deps.tokens.signAccess({
      sub: user.id,
      tenant: user.tenantId,
      role: user.role,
      sid: s.sid,
    });
    return {
      accessToken,
      refreshToken: s.refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.deps.tokens.config.accessTtlS,
      user: {
        id: user.id,
        tenantId: user.tenantId,
        email: user.email,
        displayName: user.displayName,
        role: user.role,
      },
    };
  }

  /**
   * Rotates a refresh token. A token presented twice means it leaked (or a client is broken):
   * the whole session is revoked, so the legitimate newer token stops working too.
   */
  async refresh(input: { refreshToken: string } & RequestMeta): Promise<TokenPair> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const tokenHash = hashToken(input.refreshToken);
    const record = await sessionsRepo.findRefreshToken(db, tokenHash);
    if (!record) throw new AppError('TOKEN_INVALID');
    const session = await sessionsRepo.findSession(db, record.sessionId);
    if (!session || session.revokedAt) throw new AppError('TOKEN_INVALID');
    const user = await usersRepo.findById(db, session.userId);
    if (!user || user.disabled || (await this.tenantDisabled(user.tenantId)))
      throw new AppError('TOKEN_INVALID');
    if (new Date(record.expiresAt) <= now) throw new AppError('TOKEN_EXPIRED');
    const next = newOpaqueToken();
    const expiresAt = new Date(now.getTime() + this.deps.refreshTtlS * 1000);
    const outcome = await db.transaction(async (tx) => {
      if (!(await sessionsRepo.markRotated(tx, { tokenHash, now }))) return 'reused' as const;
      await sessionsRepo.insertRefreshToken(tx, {
        tokenHash: hashToken(next),
        sessionId: session.id,
        now,
        expiresAt,
      });
      await tx.query('UPDATE sessions SET last_used_at = $2, expires_at = $3 WHERE id = $1', [
        session.id,
        now,
        expiresAt,
      ]);
      return 'rotated' as const;
    });
    if (outcome === 'reused') {
      await db.transaction(async (tx) => {
        await sessionsRepo.revokeSession(tx, { id: session.id, reason: 'refresh_reuse', now });
        await auditRepo.append(tx, {
          actor: { type: 'user', id: user.id, tenantId: user.tenantId },
          tenantId: user.tenantId,
          action: 'auth.refresh_reuse',
          target: `session:${session.id}`,
          reason: 'A rotated refresh token was presented again; the session was revoked.',
          requestId: input.requestId,
          at: now,
        });
      });
      throw new AppError('REFRESH_REUSED');
    }
    return this.tokenPair(user, { sid: session.id, refreshToken: next });
  }

  /** Ends the session named by the refresh token or by the access token's `sid`. Idempotent. */
  async logout(input: {
    refreshToken?: string | undefined;
    sid?: string | undefined;
  }): Promise<void> {
    const { db, clock } = this.deps;
    let sid = input.sid;
    if (!sid && input.refreshToken) {
      sid = (await sessionsRepo.findRefreshToken(db, hashToken(input.refreshToken)))?.sessionId;
    }
    if (sid) await sessionsRepo.revokeSession(db, { id: sid, reason: 'logout', now: clock.now() });
  }

  /** A verified access token is only honoured while its session is live (revocation is instant here). */
  async assertSessionLive(sid: string): Promise<void> {
    const session = await sessionsRepo.findSession(this.deps.db, sid);
    if (!session || session.revokedAt)
      throw new AppError('TOKEN_INVALID', 'The session has ended.');
  }

  /** Revocations from `since` on, at most 5000 (the feed's page; a poller asks again). */
  async revokedSince(since: Date): Promise<{ id: string; revokedAt: string }[]> {
    return sessionsRepo.revokedSince(this.deps.db, { since, limit: 5000 });
  }

  async listSessions(q: { userId: string; currentSid: string }): Promise<SessionInfo[]> {
    const sessions = await sessionsRepo.listActiveSessions(this.deps.db, {
      userId: q.userId,
      now: this.deps.clock.now(),
    });
    return sessions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastUsedAt: s.lastUsedAt,
      userAgent: s.userAgent,
      current: s.id === q.currentSid,
    }));
  }

  async revokeSession(q: { userId: string; sessionId: string; requestId: string }): Promise<void> {
    const { db, clock } = this.deps;
    const session = await sessionsRepo.findSession(db, q.sessionId);
    // Another user's session id answers exactly like an unknown one.
    if (!session || session.userId !== q.userId) throw new AppError('NOT_FOUND');
    const now = clock.now();
    await db.transaction(async (tx) => {
      if (!(await sessionsRepo.revokeSession(tx, { id: session.id, reason: 'user_revoked', now })))
        return;
      await auditRepo.append(tx, {
        actor: { type: 'user', id: q.userId, tenantId: session.tenantId },
        tenantId: session.tenantId,
        action: 'auth.session_revoked',
        target: `session:${session.id}`,
        requestId: q.requestId,
        at: now,
      });
    });
  }

  async serviceToken(input: { clientId: string; clientSecret: string }): Promise<string> {
    const secret = this.deps.serviceClientSecret;
    if (!secret) throw new AppError('NOT_FOUND');
    // Compare digests so the comparison is constant-time whatever the lengths.
    const a = createHash('sha256').update(input.clientSecret).digest();
    const b = createHash('sha256').update(secret).digest();
    if (!timingSafeEqual(a, b)) throw new AppError('INVALID_CREDENTIALS');
    return this.deps.tokens.signService(input.clientId);
  }
}
