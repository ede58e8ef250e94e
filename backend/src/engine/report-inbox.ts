import type { EngineContext } from './context.js';
import { drainInbox } from './order-flow.js';
import type { ExecutionClient } from '../ports/execution-client.js';
import type { TenantRuntime } from './runtime.js';
import { UnitOfWork } from './unit-of-work.js';

/**
 * Follows one venue account's pushed reports for a tenant (every account of the tenant feeds
 * the same inbox: client order ids are unique per tenant): each lands in the inbox, and one drain step
 * is queued (through `guard`, the tenant's serial queue) unless one is already scheduled or a
 * step is waiting for its own answers (it drains them itself). Nothing is booked before the
 * tenant reconciled. Returns the unsubscribe function, or null for a venue that pushes nothing.
 */
export function followReports(
  ctx: EngineContext,
  o: {
    tenant: TenantRuntime;
    client: ExecutionClient;
    guard: (task: () => Promise<void>) => Promise<void>;
  },
): (() => void) | null {
  const { tenant } = o;
  return (
    o.client.onReport?.((r) => {
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
