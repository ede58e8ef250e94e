import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { AppError, type SessionInfo, type TokenPair } from '@bytelyst/trading-contracts';
import type { Clock } from '../domain/clock.js';
import {
  DEFAULT_LOCKOUT_POLICY,
  lockRemainingSeconds,
  recordFailure,
  type LockoutPolicy,
} from '../domain/lockout.js';
import type { SqlDb } from '../storage/db.js';
import { auditRepo } from '../storage/audit-repo.js';
import { sessionsRepo } from '../storage/sessions-repo.js';
import { normaliseEmail, usersRepo, type UserRecord } from '../storage/users-repo.js';
import type { PasswordHasher } from './passwords.js';
import { hashToken, newOpaqueToken, type TokenService } from './tokens.js';

export interface AuthDeps {
  db: SqlDb;
  clock: Clock;
  tokens: TokenService;
  hasher: PasswordHasher;
  refreshTtlS: number;
  lockout?: LockoutPolicy;
  serviceClientSecret?: string | undefined;
}

interface RequestMeta {
  requestId: string;
  userAgent?: string | null;
}

/** Sign-in, refresh rotation with reuse detection, sign-out and sessions. */
export class AuthService {
  constructor(private readonly deps: AuthDeps) {}

  async login(input: { email: string; password: string } & RequestMeta): Promise<TokenPair> {
    const { db, clock, hasher } = this.deps;
    const email = normaliseEmail(input.email);
    const now = clock.now();
    const throttle = await sessionsRepo.getThrottle(db, email);
    const wait = lockRemainingSeconds(throttle, now);
    // Locks are kept per email whether or not it exists, so a lock reveals nothing either.
    if (wait > 0) {
      throw new AppError('ACCOUNT_LOCKED', undefined, { details: { retryAfterSeconds: wait } });
    }
    const user = await usersRepo.findByEmail(db, email);
    const ok = user
      ? await hasher.verify(user.passwordHash, input.password)
      : (await hasher.dummyVerify(input.password), false);
    if (!user || !ok || user.disabled) {
      const next = recordFailure(throttle, now, this.deps.lockout ?? DEFAULT_LOCKOUT_POLICY);
      await db.transaction(async (tx) => {
        await sessionsRepo.putThrottle(tx, { email, ...next });
        if (user) {
          await auditRepo.append(tx, {
            actor: { type: 'user', id: user.id, tenantId: user.tenantId },
            tenantId: user.tenantId,
            action: next.lockedUntil ? 'auth.lockout' : 'auth.failure',
            target: `user:${user.id}`,
            after: { failures: next.failures },
            requestId: input.requestId,
            at: now,
          });
        }
      });
      throw new AppError('INVALID_CREDENTIALS');
    }
    if (throttle) await sessionsRepo.clearThrottle(db, email);
    return this.startSession(user, input);
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
    if (!user || user.disabled) throw new AppError('TOKEN_INVALID');
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
