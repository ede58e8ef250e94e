import { AppError, type Decision } from '@bytelyst/trading-contracts';
import { type OrderState, isOpen, orderTermsOf } from '../domain/orders/order.js';
import {
  applyNeverArrived,
  applyOrderReport,
  applyRejected,
} from '../domain/orders/order-reports.js';
import { type VenueOrder, isExecutionError } from '../ports/execution-client.js';
import { bookVenueFill, snapshotEquity } from './profile-books.js';
import type { EngineContext } from './context.js';
import { noteExitOutcome } from './exits.js';
import type { TenantRuntime } from './runtime.js';
import { accountOfProfile, clientOfOrder, noteReachable } from './accounts.js';
import { UnitOfWork } from './unit-of-work.js';

/** Books every report the venue pushed since the last drain (fills first, then order updates). */
export async function drainInbox(
  ctx: EngineContext,
  tenant: TenantRuntime,
  uow: UnitOfWork,
): Promise<void> {
  while (tenant.inbox.length > 0) {
    const batch = tenant.inbox.splice(0, tenant.inbox.length);
    for (const r of batch)
      if (r.kind === 'fill') await bookVenueFill(ctx, { tenant, fill: r.fill, uow });
    for (const r of batch) {
      if (r.kind !== 'order') continue;
      const order = tenant.orders.get(r.order.clientOrderId);
      if (!order) continue;
      const missing = applyOrderReport(order, r.order, ctx.clock.now());
      uow.order(order);
      if (missing) await fetchMissingFills(ctx, { tenant, order, uow });
    }
  }
}

export async function fetchMissingFills(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; order: OrderState; uow: UnitOfWork },
): Promise<void> {
  const fills = await clientOfOrder(options.tenant, options.order).fetchFills({
    since: options.order.createdAt - 1,
    symbol: options.order.symbol,
  });
  for (const f of fills) {
    if (f.clientOrderId === options.order.clientOrderId)
      await bookVenueFill(ctx, { tenant: options.tenant, fill: f, uow: options.uow });
  }
}

/**
 * Settles an order whose outcome is unknown by asking the venue by client order id. It is never
 * resent: either the venue has it (take its state and fills) or it does not (it never arrived).
 * A failed query leaves it unknown; the profile stays without new entries for that symbol.
 */
export async function settleUnknown(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; order: OrderState; uow: UnitOfWork },
): Promise<boolean> {
  const { tenant, order, uow } = options;
  try {
    const v = await clientOfOrder(tenant, order).fetchOrderByClientId({
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
    });
    noteReachable(tenant, accountOfProfile(tenant, order.profileId), true);
    if (v === null) {
      applyNeverArrived(order, ctx.clock.now());
    } else if (applyOrderReport(order, v, ctx.clock.now())) {
      await fetchMissingFills(ctx, options);
    }
    uow.order(order);
    tenant.unknown.delete(order.clientOrderId);
    releaseSlot(tenant, order);
    return true;
  } catch (e) {
    if (!isExecutionError(e)) throw e;
    noteReachable(tenant, accountOfProfile(tenant, order.profileId), e.kind === 'non-retryable');
    return false;
  }
}

function slotOf(tenant: TenantRuntime, order: OrderState) {
  return order.profileId
    ? tenant.profiles.get(order.profileId)?.slots.get(order.symbol)
    : undefined;
}

function releaseSlot(tenant: TenantRuntime, order: OrderState): void {
  if (isOpen(order)) return;
  const slot = slotOf(tenant, order);
  if (slot?.pending === order) slot.pending = null;
}

/**
 * The intent of one or more orders could not be committed, so none was sent and every in-memory
 * mark was undone. The books are unchanged: the caller may answer an error and carry on trading.
 * Any failure AFTER the intent commit is different (the venue may hold the order): the tenant is
 * stopped and restarted through reconciliation, which settles the order by asking the venue.
 */
export class OrderNotSaved extends AppError {
  constructor(cause: unknown) {
    super(
      'ORDER_NOT_SAVED',
      `the order could not be saved, so it was not sent: ${
        cause instanceof Error ? cause.message : String(cause)
      }`.slice(0, 1000),
      { cause },
    );
  }
}

/**
 * Saves the order (with its decision) before sending it, sends it once, and books whatever the
 * venue answered in a second transaction with the resulting fills, position and ledger entries.
 */
export async function placeOrder(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; order: OrderState; decision: Decision | null; gate?: SendGate },
): Promise<OrderState> {
  const uow = new UnitOfWork(ctx, options.tenant);
  if (options.decision) uow.decision(options.decision);
  await placeOrders(ctx, {
    tenant: options.tenant,
    orders: [options.order],
    uow,
    ...(options.gate ? { gate: options.gate } : {}),
  });
  return options.order;
}

/**
 * Whether a person's order may still go out, asked once its intent is committed (the request's
 * deadline, services/order-deadline.ts). `proceed` decides: after it, the order is sent.
 */
export interface SendGate {
  readonly expired: boolean;
  proceed(): boolean;
}

/** The request's deadline passed before its order could be sent: it never will be. */
export class OrderDeadlinePassed extends AppError {
  constructor() {
    super('ORDER_DEADLINE_PASSED', undefined, { details: { retryAfterSeconds: 1 } });
  }
}

/**
 * Places a group of orders with two commits in all: `uow` (holding their decisions) is committed
 * with every order's intent BEFORE anything is sent, so a crash at any later point finds each order
 * in the journal and settles it by asking the venue, never by sending it again. The orders then go
 * to the venue together, and everything the venue answered is booked in one second transaction.
 */
export async function placeOrders(
  ctx: EngineContext,
  options: {
    tenant: TenantRuntime;
    orders: readonly OrderState[];
    uow: UnitOfWork;
    gate?: SendGate;
  },
): Promise<void> {
  const { tenant, orders } = options;
  for (const order of orders) {
    tenant.orders.set(order.clientOrderId, order);
    const slot = slotOf(tenant, order);
    if (slot) slot.pending = order;
    ctx.stats.orders++;
    options.uow.order(order);
  }
  try {
    await options.uow.commit();
  } catch (e) {
    // Nothing was sent: undo every in-memory mark so the profile and symbol are free again and a
    // retried request id finds no order (it re-runs) instead of a phantom that is in no table.
    for (const order of orders) {
      tenant.orders.delete(order.clientOrderId);
      const slot = slotOf(tenant, order);
      if (slot?.pending === order) slot.pending = null;
      ctx.stats.orders--;
    }
    throw new OrderNotSaved(e);
  }
  if (options.gate && !options.gate.proceed()) {
    // The commit took longer than the caller waits (a slow or frozen database): the order is
    // recorded as not sent, and never sent.
    const undo = new UnitOfWork(ctx, tenant);
    for (const order of orders) {
      applyRejected(order, 'DEADLINE_PASSED', ctx.clock.now());
      undo.order(order);
      releaseSlot(tenant, order);
      tenant.orders.delete(order.clientOrderId);
    }
    await undo.commit();
    throw new OrderDeadlinePassed();
  }

  const uow = new UnitOfWork(ctx, tenant);
  let answers: PromiseSettledResult<VenueOrder>[];
  tenant.awaitingAnswers = true;
  try {
    answers = await Promise.allSettled(
      orders.map((order) => clientOfOrder(tenant, order).submitOrder(orderTermsOf(order))),
    );
    await drainInbox(ctx, tenant, uow);
  } finally {
    tenant.awaitingAnswers = false;
  }
  let unknown: OrderState[] | null = null;
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i];
    const answer = answers[i];
    if (!order || !answer) continue;
    const slot = slotOf(tenant, order);
    if (answer.status === 'fulfilled') {
      noteReachable(tenant, accountOfProfile(tenant, order.profileId), true);
      if (applyOrderReport(order, answer.value, ctx.clock.now()))
        await fetchMissingFills(ctx, { tenant, order, uow });
      if (slot)
        noteExitOutcome(ctx, { tenant, slot, order, refused: order.status === 'REJECTED', uow });
      continue;
    }
    const e: unknown = answer.reason;
    if (!isExecutionError(e) || e.kind === 'outcome-unknown') {
      order.outcomeUnknown = true;
      tenant.unknown.add(order.clientOrderId);
      uow.order(order);
      (unknown ??= []).push(order);
    } else {
      applyRejected(order, `${e.kind}:${e.venueCode}`, ctx.clock.now());
      const down = e.kind === 'retryable' || e.kind === 'fatal';
      noteReachable(tenant, accountOfProfile(tenant, order.profileId), !down);
      // A refused automatic exit is retried with backoff and alerted once, when it gives up.
      const refused = e.kind === 'non-retryable';
      if (slot && noteExitOutcome(ctx, { tenant, slot, order, refused, uow })) continue;
      uow.alert({
        profileId: order.profileId,
        severity: e.kind === 'fatal' ? 'critical' : 'warning',
        code: 'ORDER_NOT_PLACED',
        message: `order ${order.id} not placed: ${e.kind} ${e.venueCode}`,
        key: `not-placed|${order.id}`,
      });
    }
  }
  if (unknown) {
    // The unknown state is durable before the venue is asked, so a crash here still settles them.
    await uow.commit();
    for (const order of unknown) await settleUnknown(ctx, { tenant, order, uow });
  }
  const booked = new Set<string>();
  for (const order of orders) {
    uow.order(order);
    releaseSlot(tenant, order);
    const profile = order.profileId ? tenant.profiles.get(order.profileId) : undefined;
    if (profile && order.filled > 0n && !booked.has(profile.profile.id)) {
      booked.add(profile.profile.id);
      snapshotEquity(ctx, profile, uow);
    }
  }
  // A report that arrived after the drain above (while no separate drain was queued) is booked here.
  if (tenant.inbox.length > 0) await drainInbox(ctx, tenant, uow);
  await uow.commit();
  // Settled orders leave working memory; a late venue report finds them through the journal.
  for (const order of orders)
    if (!isOpen(order) && !order.outcomeUnknown) tenant.orders.delete(order.clientOrderId);
}

/** Cancels at the venue; a timed-out cancel is settled by asking, like a timed-out submit. */
export async function cancelOrder(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; order: OrderState },
): Promise<void> {
  const { tenant, order } = options;
  const uow = new UnitOfWork(ctx, tenant);
  try {
    const v = await clientOfOrder(tenant, order).cancelOrder({
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
    });
    await drainInbox(ctx, tenant, uow);
    if (applyOrderReport(order, v, ctx.clock.now()))
      await fetchMissingFills(ctx, { tenant, order, uow });
  } catch (e) {
    if (!isExecutionError(e)) throw e;
    await drainInbox(ctx, tenant, uow);
    if (e.kind === 'outcome-unknown') {
      tenant.unknown.add(order.clientOrderId);
      await settleUnknown(ctx, { tenant, order, uow });
    } else {
      noteReachable(tenant, accountOfProfile(tenant, order.profileId), e.kind === 'non-retryable');
    }
  }
  uow.order(order);
  releaseSlot(tenant, order);
  await uow.commit();
}
