import { isOpen } from '../domain/orders/order.js';
import { isExecutionError } from '../ports/execution-client.js';
import { snapshotEquity } from './profile-books.js';
import type { EngineContext } from './context.js';
import { verdictFor } from './control-verdict.js';
import { flushHolds, holdsDue } from './hold-decisions.js';
import { cancelOrder, settleUnknown } from './order-flow.js';
import { reconcileTenant, retryUnavailableAccounts } from './reconciliation.js';
import { noteReachable } from './accounts.js';
import type { TenantRuntime } from './runtime.js';
import { UnitOfWork } from './unit-of-work.js';

/** Periodic tenant work the loop runs between candles, each step paced by the clock. */
export function equityDue(ctx: EngineContext, t: TenantRuntime, now: number): boolean {
  for (const rt of t.profiles.values())
    if (now - rt.lastEquityAt >= ctx.config.equitySnapshotEveryMs) return true;
  return false;
}

/** Periodic equity snapshots (the curve and the drawdown peak), plus pruning of old HOLDs. */
export async function snapshotDue(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; now: number },
): Promise<void> {
  const uow = new UnitOfWork(ctx, options.tenant);
  for (const rt of options.tenant.profiles.values()) {
    if (options.now - rt.lastEquityAt >= ctx.config.equitySnapshotEveryMs)
      snapshotEquity(ctx, rt, uow);
  }
  await uow.commit();
  if (ctx.config.persistHoldDecisions && ctx.journal.pruneHoldDecisions) {
    await ctx.journal.pruneHoldDecisions(options.now - ctx.config.holdDecisionRetentionMs);
  }
}

/**
 * While accounts count as unreachable, a cheap read of each tells when it is back (every account
 * when none is named: the tenant's reconciliation met the venue down).
 */
export async function probeVenue(t: TenantRuntime): Promise<void> {
  const keys = t.unreachableAccounts.size > 0 ? [...t.unreachableAccounts] : [...t.accounts.keys()];
  for (const key of keys) {
    try {
      await t.accounts.get(key)?.client.fetchBalances();
      noteReachable(t, key, true);
    } catch (e) {
      if (!isExecutionError(e)) throw e;
      noteReachable(t, key, false);
    }
  }
}

export async function settleAll(ctx: EngineContext, t: TenantRuntime): Promise<void> {
  const uow = new UnitOfWork(ctx, t);
  for (const id of [...t.unknown]) {
    const order = t.orders.get(id);
    if (!order) {
      t.unknown.delete(id);
      continue;
    }
    if (await settleUnknown(ctx, { tenant: t, order, uow })) continue;
    const ageMs = ctx.clock.now() - order.createdAt;
    if (ageMs >= ctx.config.inDoubtAlertMs)
      uow.alert({
        profileId: order.profileId,
        severity: 'critical',
        code: 'ORDER_IN_DOUBT',
        message:
          `order ${order.id} (${order.side} ${order.symbol}) has had no known outcome for ` +
          `${Math.round(ageMs / 1000)} s: the venue does not answer. It is asked again every ` +
          `${Math.round(ctx.config.reconcileRetryMs / 1000)} s and never resent; the tenant ` +
          'opens nothing until it is settled. Check the venue.',
        key: `in-doubt|${order.id}`,
      });
  }
  await uow.commit();
}

/** HALTED scopes place nothing and cancel what is open (cancels are always allowed). */
export async function enforceCancels(ctx: EngineContext, t: TenantRuntime): Promise<void> {
  if (!t.reconciled) return;
  for (const order of [...t.orders.values()]) {
    if (!isOpen(order) || order.status === 'NEW') continue;
    const profile = order.profileId ? t.profiles.get(order.profileId) : undefined;
    if (verdictFor(ctx, t, profile).cancelOpenOrders) await cancelOrder(ctx, { tenant: t, order });
  }
}

/**
 * The one periodic step a tenant needs now, if any (at most one queued per tenant): retry a
 * failed reconciliation, settle orders in doubt, probe an unreachable venue, sweep cancels after
 * an internal halt, write buffered HOLD decisions, or take the periodic equity snapshot.
 */
export function nextPeriodicStep(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; now: number; afterReconcile: (t: TenantRuntime) => void },
): (() => Promise<void>) | null {
  const { tenant: t, now } = options;
  // 'starting': startTenant runs the first reconciliation itself; one queued here as well (a
  // market event while it connects to the venue) would reconcile, and audit, a takeover twice.
  if (
    t.status === 'starting' ||
    t.status === 'stopped' ||
    t.status === 'failed' ||
    t.periodicStepQueued
  )
    return null;
  // Cheap checks first and no closure until a step is due: this runs on every market event.
  const retry = ctx.config.reconcileRetryMs;
  if (!t.reconciled) {
    if (now - t.lastReconcileAttempt < retry) return null;
    t.lastReconcileAttempt = now;
    return async () => {
      await reconcileTenant(ctx, { tenant: t });
      options.afterReconcile(t);
    };
  }
  if (t.unavailableAccounts.size > 0 && now - t.lastReconcileAttempt >= retry) {
    t.lastReconcileAttempt = now;
    return async () => {
      if (await retryUnavailableAccounts(ctx, t)) options.afterReconcile(t);
    };
  }
  const probeDue = now - t.lastProbeAt >= retry;
  if (t.unknown.size > 0 && probeDue) {
    t.lastProbeAt = now;
    return () => settleAll(ctx, t);
  }
  if (t.exchangeUnreachable && probeDue) {
    t.lastProbeAt = now;
    return () => probeVenue(t);
  }
  if (t.needsCancelSweep) {
    t.needsCancelSweep = false;
    return () => enforceCancels(ctx, t);
  }
  if (holdsDue(ctx, t, now)) return () => flushHolds(ctx, t);
  // Also with persistence off: the periodic mark moves the drawdown peak, which decisions read.
  if (equityDue(ctx, t, now)) return () => snapshotDue(ctx, { tenant: t, now });
  return null;
}
