import { AppError } from '@bytelyst/trading-contracts';
import type { Clock } from '../domain/clock.js';
import { auditRepo } from '../storage/audit-repo.js';
import type { SqlDb } from '../storage/db.js';
import { sessionsRepo } from '../storage/sessions-repo.js';
import { usersRepo } from '../storage/users-repo.js';
import type { Mailer } from './mail.js';
import type { PasswordHasher } from './passwords.js';
import { hashToken, newOpaqueToken } from './tokens.js';

export const RESET_TOKEN_TTL_MS = 30 * 60_000;

export interface PasswordResetDeps {
  db: SqlDb;
  clock: Clock;
  hasher: PasswordHasher;
  mailer: Mailer;
  /** Where the surfaces' reset screen lives; the token is appended as `?token=`. */
  resetUrlBase: string;
}

export class PasswordResetService {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: PasswordResetDeps) {}

  /**
   * The HTTP answer must not wait for the lookup and the mail: a known address would otherwise
   * answer measurably slower than an unknown one.
   */
  requestInBackground(
    input: { email: string; requestId: string },
    log: { error(obj: object, msg: string): void },
  ): void {
    const p = this.request(input)
      .catch((err: unknown) => log.error({ err }, 'password reset mail failed'))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Resolves when background requests have finished (tests, and shutdown before closing the db). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /**
   * Always resolves the same way: whether the email exists is never revealed. Mail delivery
   * failures are swallowed for the same reason (and logged by the caller's logger).
   */
  async request(input: { email: string; requestId: string }): Promise<{ delivered: boolean }> {
    const { db, clock, mailer } = this.deps;
    const user = await usersRepo.findByEmail(db, input.email);
    if (!user || user.disabled) return { delivered: false };
    const token = newOpaqueToken();
    const now = clock.now();
    await sessionsRepo.insertPasswordReset(db, {
      tokenHash: hashToken(token),
      userId: user.id,
      now,
      expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS),
    });
    await mailer.send({
      to: user.email,
      subject: 'Reset your password',
      text: [
        'Someone (hopefully you) asked to reset the password of this account.',
        `Use this link within 30 minutes: ${this.deps.resetUrlBase}?token=${token}`,
        `Or paste this code into the app: ${token}`,
        'If this was not you, ignore this message; your password stays as it is.',
      ].join('\n\n'),
    });
    return { delivered: true };
  }

  /** Single use, 30 minutes; on success every session of the account is revoked. */
  async confirm(input: { token: string; newPassword: string; requestId: string }): Promise<void> {
    const { db, clock, hasher } = this.deps;
    const now = clock.now();
    const passwordHash = await hasher.hash(input.newPassword);
    const done = await db.transaction(async (tx) => {
      const reset = await sessionsRepo.consumePasswordReset(tx, {
        tokenHash: hashToken(input.token),
        now,
      });
      if (!reset) return false;
      const user = await usersRepo.findById(tx, reset.userId);
      await usersRepo.setPassword(tx, { userId: reset.userId, passwordHash, now });
      // Proving control of the mailbox lifts a sign-in lock as well.
      if (user) await sessionsRepo.clearAttempts(tx, user.email);
      const revoked = await sessionsRepo.revokeAllForUser(tx, {
        userId: reset.userId,
        reason: 'password_reset',
        now,
      });
      await auditRepo.append(tx, {
        actor: { type: 'user', id: reset.userId, tenantId: user?.tenantId ?? null },
        tenantId: user?.tenantId ?? null,
        action: 'auth.password_reset',
        target: `user:${reset.userId}`,
        after: { sessionsRevoked: revoked },
        requestId: input.requestId,
        at: now,
      });
      return true;
    });
    if (!done) throw new AppError('TOKEN_INVALID', 'The reset link is invalid or has expired.');
  }
}
