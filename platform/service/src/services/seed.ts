import { AppError, PRODUCT } from '@bytelyst/trading-contracts';
import type { Clock } from '../domain/clock.js';
import { initialStatus } from '../domain/product-status.js';
import { controlsRepo } from '../storage/controls-repo.js';
import type { SqlDb } from '../storage/db.js';
import { usersRepo } from '../storage/users-repo.js';
import type { DirectoryService } from './directory-service.js';
import type { FlagsService } from './flags-service.js';

export const DEMO_PASSWORD = 'demo-password-1';

export const DEMO_USERS = [
  {
    id: 'u-admin',
    email: 'admin@demo.bytelyst.test',
    role: 'operator',
    tenantId: 'acme',
    displayName: 'Demo Operator',
  },
  {
    id: 'u-acme-admin',
    email: 'acme-admin@acme.demo.test',
    role: 'tenant_admin',
    tenantId: 'acme',
    displayName: 'Acme Admin',
  },
  {
    id: 'u-alice',
    email: 'alice@acme.demo.test',
    role: 'user',
    tenantId: 'acme',
    displayName: 'Alice (Acme)',
  },
  {
    id: 'u-bob',
    email: 'bob@globex.demo.test',
    role: 'user',
    tenantId: 'globex',
    displayName: 'Bob (Globex)',
  },
] as const;

/**
 * Idempotent demo data with stable ids (other services' seeds refer to `u-alice` and friends).
 * Existing demo users are left untouched so a password changed through reset survives restarts.
 */
export async function seedDemo(deps: {
  db: SqlDb;
  clock: Clock;
  flags: FlagsService;
  directory: DirectoryService;
}): Promise<void> {
  const now = deps.clock.now();
  await usersRepo.upsertTenant(deps.db, { id: 'acme', name: 'Acme Capital', now });
  await usersRepo.upsertTenant(deps.db, { id: 'globex', name: 'Globex Trading', now });
  for (const u of DEMO_USERS) {
    if (await usersRepo.findById(deps.db, u.id)) continue;
    try {
      await deps.directory.createUser({
        ...u,
        password: DEMO_PASSWORD,
        actor: { type: 'system', id: 'seed', tenantId: null },
        requestId: null,
      });
    } catch (e) {
      // Two instances seeding at once: the other one created the user first, which is fine.
      if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
    }
  }
  await deps.flags.seedDefaults({
    productId: PRODUCT.productId,
    overrides: { backtest: true, 'tabs.marketplace': true, 'tabs.membership': true },
  });
}

/**
 * Start-up data: this install's product (enabled) and a rule for every contract flag key. The
 * demo seed runs first so its flag overrides win over the defaults; an operator's later changes
 * are never overwritten by either.
 */
export async function bootstrapData(
  deps: { db: SqlDb; clock: Clock; flags: FlagsService; directory: DirectoryService },
  opts: { productId?: string; demo: boolean },
): Promise<void> {
  const productId = opts.productId ?? PRODUCT.productId;
  await controlsRepo.ensureProduct(deps.db, initialStatus(productId, deps.clock.now()));
  if (opts.demo) await seedDemo(deps);
  await deps.flags.seedDefaults({ productId });
}
