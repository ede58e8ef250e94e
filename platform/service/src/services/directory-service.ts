import { randomUUID } from 'node:crypto';
import {
  AppError,
  type CreateUserBody,
  type PlatformUser,
  type Tenant,
} from '@bytelyst/trading-contracts';
import type { Clock } from '../domain/clock.js';
import { auditRepo, type AuditActor } from '../storage/audit-repo.js';
import type { SqlDb } from '../storage/db.js';
import { sessionsRepo } from '../storage/sessions-repo.js';
import { usersRepo, type UserRecord } from '../storage/users-repo.js';
import type { PasswordHasher } from './passwords.js';

const toPublic = (u: UserRecord): PlatformUser => ({
  id: u.id,
  tenantId: u.tenantId,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  disabled: u.disabled,
  createdAt: u.createdAt,
});

interface Meta {
  actor: AuditActor;
  requestId: string | null;
}

/** Tenants and users, for the admin API, the CLI and the demo seed. */
export class DirectoryService {
  constructor(private readonly deps: { db: SqlDb; clock: Clock; hasher: PasswordHasher }) {}

  async createTenant(t: { id: string; name: string } & Meta): Promise<Tenant> {
    const now = this.deps.clock.now();
    await this.deps.db.transaction(async (tx) => {
      if (await usersRepo.tenantExists(tx, t.id)) throw new AppError('CONFLICT', 'Tenant exists.');
      await usersRepo.upsertTenant(tx, { id: t.id, name: t.name, now });
      await auditRepo.append(tx, {
        actor: t.actor,
        tenantId: t.id,
        action: 'tenant.create',
        target: `tenant:${t.id}`,
        after: { id: t.id, name: t.name },
        requestId: t.requestId,
        at: now,
      });
    });
    return { id: t.id, name: t.name, disabled: false, createdAt: now.toISOString() };
  }

  /**
   * Disables (or re-enables) a tenant: nobody of it can sign in or refresh, and every session of
   * it is revoked now, so the revocation feed ends their backend access within seconds. Audited.
   */
  async setTenantDisabled(
    t: { id: string; disabled: boolean; reason: string } & Meta,
  ): Promise<Tenant> {
    const now = this.deps.clock.now();
    await this.deps.db.transaction(async (tx) => {
      const was = await usersRepo.setTenantDisabled(tx, t);
      if (was === null) throw new AppError('NOT_FOUND', 'No such tenant.');
      const revoked = t.disabled
        ? await sessionsRepo.revokeAllForTenant(tx, {
            tenantId: t.id,
            reason: 'tenant_disabled',
            now,
          })
        : 0;
      await auditRepo.append(tx, {
        actor: t.actor,
        tenantId: t.id,
        action: t.disabled ? 'tenant.disable' : 'tenant.enable',
        target: `tenant:${t.id}`,
        before: { disabled: was },
        after: { disabled: t.disabled, sessionsRevoked: revoked },
        reason: t.reason,
        requestId: t.requestId,
        at: now,
      });
    });
    const tenant = await usersRepo.findTenant(this.deps.db, t.id);
    if (!tenant) throw new AppError('NOT_FOUND', 'No such tenant.');
    return tenant;
  }

  /**
   * Disables (or re-enables) one user, within `tenantId` when the caller is a tenant admin (a
   * user of another tenant answers exactly like one that does not exist). Sessions end now.
   */
  async setUserDisabled(
    u: { id: string; disabled: boolean; reason: string; tenantId: string | null } & Meta,
  ): Promise<PlatformUser> {
    const now = this.deps.clock.now();
    await this.deps.db.transaction(async (tx) => {
      const user = await usersRepo.findById(tx, u.id);
      if (!user || (u.tenantId !== null && user.tenantId !== u.tenantId))
        throw new AppError('NOT_FOUND', 'No such user.');
      if (user.role === 'operator' && u.actor.type !== 'operator')
        throw new AppError('FORBIDDEN', 'Only operators can disable an operator.');
      const was = await usersRepo.setUserDisabled(tx, u);
      const revoked = u.disabled
        ? await sessionsRepo.revokeAllForUser(tx, { userId: u.id, reason: 'user_disabled', now })
        : 0;
      await auditRepo.append(tx, {
        actor: u.actor,
        tenantId: user.tenantId,
        action: u.disabled ? 'user.disable' : 'user.enable',
        target: `user:${u.id}`,
        before: { disabled: was },
        after: { disabled: u.disabled, sessionsRevoked: revoked },
        reason: u.reason,
        requestId: u.requestId,
        at: now,
      });
    });
    const user = await usersRepo.findById(this.deps.db, u.id);
    if (!user) throw new AppError('NOT_FOUND', 'No such user.');
    return toPublic(user);
  }

  async isTenantDisabled(tenantId: string): Promise<boolean> {
    return (await usersRepo.findTenant(this.deps.db, tenantId))?.disabled ?? false;
  }

  async createUser(
    u: Omit<CreateUserBody, 'role' | 'displayName'> &
      Partial<Pick<CreateUserBody, 'role' | 'displayName'>> &
      Meta & { upsert?: boolean },
  ): Promise<PlatformUser> {
    const now = this.deps.clock.now();
    const passwordHash = await this.deps.hasher.hash(u.password);
    const user = await this.deps.db.transaction(async (tx) => {
      if (!(await usersRepo.tenantExists(tx, u.tenantId)))
        throw new AppError('UNPROCESSABLE', `Unknown tenant: ${u.tenantId}`);
      const created = await usersRepo.insertUser(tx, {
        id: u.id ?? `u-${randomUUID()}`,
        tenantId: u.tenantId,
        email: u.email,
        displayName: u.displayName ?? null,
        role: u.role ?? 'user',
        passwordHash,
        now,
        upsert: u.upsert ?? false,
      });
      await auditRepo.append(tx, {
        actor: u.actor,
        tenantId: u.tenantId,
        action: 'user.create',
        target: `user:${created.id}`,
        after: { id: created.id, email: created.email, role: created.role },
        requestId: u.requestId,
        at: now,
      });
      return created;
    });
    return toPublic(user);
  }

  async listTenants(): Promise<Tenant[]> {
    return usersRepo.listTenants(this.deps.db);
  }

  async listUsers(scope: { tenantId?: string | undefined }): Promise<PlatformUser[]> {
    const users = await usersRepo.listUsers(
      this.deps.db,
      scope.tenantId ? { tenantId: scope.tenantId } : {},
    );
    return users.map(toPublic);
  }
}
