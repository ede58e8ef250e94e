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
    return { id: t.id, name: t.name, createdAt: now.toISOString() };
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
