import type { EngineContext } from './context.js';
import { drainInbox } from './order-flow.js';
import type { TenantRuntime } from './runtime.js';
import { UnitOfWork } from './unit-of-work.js';

/**
 * Follows the venue's pushed reports for a tenant: each lands in the inbox, and one drain step
 * is queued (through `guard`, the tenant's serial queue) unless one is already scheduled or a
 * step is waiting for its own answers (it drains them itself). Nothing is booked before the
 * tenant reconciled. Returns the unsubscribe function, or null for a venue that pushes nothing.
 */
export function followReports(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; guard: (task: () => Promise<void>) => Promise<void> },
): (() => void) | null {
  const { tenant } = o;
  return (
    tenant.client.onReport?.((r) => {
      tenant.inbox.push(r);
      if (tenant.drainScheduled || tenant.awaitingAnswers) return;
      tenant.drainScheduled = true;
      void o.guard(async () => {
        tenant.drainScheduled = false;
        if (!tenant.reconciled || tenant.inbox.length === 0) return;
        const uow = new UnitOfWork(ctx, tenant);
        await drainInbox(ctx, tenant, uow);
        await uow.commit();
      });
    }) ?? null
  );
}
