import {
  type Decision,
  type DecisionReason,
  type ManualTradeBody,
  type Order,
  ManualTradeBody as ManualTradeBodySchema,
} from '@bytelyst/trading-contracts';
import { clientOrderIdFor, stableId } from '../domain/ids.js';
import { type Fixed, abs, formatFixed, parseFixed } from '../domain/money/fixed.js';
import { createOrder, isOpen, orderToContract } from '../domain/orders/order.js';
import type { EngineContext } from './context.js';
import { makeDecision } from './decisions.js';
import { haltForDrawdown } from './drawdown-halt.js';
import { lastPrice, preTradeCheck } from './pre-trade.js';
import { OrderDeadlinePassed, type SendGate, cancelOrder, placeOrder } from './order-flow.js';
import type { TenantRuntime } from './runtime.js';
import { venueOfProfile } from './accounts.js';
import { exitMayBeReduceOnly } from './exits.js';
import { UnitOfWork } from './unit-of-work.js';

export type ManualOrderResult =
  | { kind: 'placed'; order: Order; decision: Decision | null }
  | { kind: 'denied'; decision: Decision | null; reasons: string[]; message: string };

const denied = (
  message: string,
  reasons: string[],
  decision: Decision | null = null,
): ManualOrderResult => ({
  kind: 'denied',
  decision,
  reasons,
  message,
});

/**
 * A person's order passes the same pre-trade gate as a strategy's (pre-trade.ts): orders that
 * only reduce the position need `canReduce`; anything else needs `canEnter` and passes every
 * entry rule, the worst-case capital rule included. The decision and client order id derive from the request id, so a retried request
 * yields the same ids (and the venue refuses a second copy).
 */
export async function manualOrder(
  ctx: EngineContext,
  options: {
    tenant: TenantRuntime;
    userId: string;
    body: ManualTradeBody;
    requestId: string;
    /**
     * What makes this order one order: the API derives it from (tenant, user, Idempotency-Key),
     * so a retry yields the same ids and nobody else's key can reach them. The request id (a
     * header the caller chooses, kept for tracing) is the key only for internal callers.
     */
    orderKey?: string | undefined;
    origin?: 'manual' | 'close';
    reason?: string;
    /** The request's deadline: checked before anything is written and before the send. */
    gate?: SendGate | undefined;
  },
): Promise<ManualOrderResult> {
  const { tenant } = options;
  if (options.gate?.expired) throw new OrderDeadlinePassed();
  const body = ManualTradeBodySchema.parse(options.body);
  const profile = tenant.profiles.get(body.profileId);
  if (!profile) return denied('profile not found for this tenant', ['NOT_FOUND']);
  const slot = profile.slots.get(body.symbol);
  if (!slot) return denied(`the profile does not trade ${body.symbol}`, ['SYMBOL_NOT_IN_PROFILE']);
  const now = ctx.clock.now();
  const decisionId = stableId('d-', 'manual', tenant.id, options.orderKey ?? options.requestId);
  const refPrice: Fixed | null = body.limitPrice
    ? parseFixed(body.limitPrice)
    : body.stopPrice
      ? parseFixed(body.stopPrice)
      : lastPrice(slot);
  const gate = preTradeCheck(ctx, {
    tenant,
    slot,
    order: {
      side: body.side,
      type: body.type,
      quantity: parseFixed(body.quantity),
      price: refPrice,
      reduceOnly: body.reduceOnly,
    },
  });
  const { verdict, reduces } = gate;
  const blocked = gate.action !== 'PASS';
  const reasons: DecisionReason[] = [
    {
      kind: 'strategy',
      code: options.origin === 'close' ? 'CLOSE_POSITION' : 'MANUAL_ORDER',
      message: options.reason ?? `manual ${body.side} by ${options.userId}`,
    },
    ...gate.reasons,
  ];
  const id = clientOrderIdFor(decisionId, 0);
  const existing = tenant.orders.get(id) ?? (await ctx.journal.findOrder(tenant.id, id))?.order;
  if (existing) {
    const order = 'fillKeys' in existing ? orderToContract(existing) : existing;
    return { kind: 'placed', order, decision: null };
  }
  const decision = makeDecision({
    id: decisionId,
    tenantId: tenant.id,
    profileId: profile.profile.id,
    symbol: body.symbol,
    action: gate.action === 'PASS' ? (reduces ? 'EXIT' : 'ENTER') : gate.action,
    strength: body.side === 'BUY' ? 1 : -1,
    inputs: {},
    reasons,
    controlReasons: verdict.reasons,
    price: formatFixed(refPrice ?? 1n),
    candleTime: now,
    orderId: blocked ? null : id,
    now,
  });
  ctx.stats.decisions[decision.action]++;
  if (blocked) {
    const uow = new UnitOfWork(ctx, tenant);
    if (gate.drawdown) haltForDrawdown(ctx, { tenant, profile, denial: gate.drawdown, uow });
    uow.decision(decision);
    await uow.commit();
    const codes = [
      ...verdict.reasons.filter(() => (reduces ? !verdict.canReduce : !verdict.canEnter)),
      ...reasons.slice(1).map((r) => r.code),
    ];
    return denied('the order was denied by a risk or control rule', codes, decision);
  }
  const order = createOrder({
    id,
    clientOrderId: id,
    tenantId: tenant.id,
    profileId: profile.profile.id,
    symbol: body.symbol,
    side: body.side,
    type: body.type,
    quantity: gate.quantity,
    limitPrice: body.limitPrice ? parseFixed(body.limitPrice) : null,
    stopPrice: body.stopPrice ? parseFixed(body.stopPrice) : null,
    // The engine holds the no-flip rule per profile; the venue's flag is judged against the
    // whole account, so it is set only where the account's net position makes it true.
    reduceOnly: (body.reduceOnly || reduces) && exitMayBeReduceOnly(tenant, slot),
    origin: options.origin ?? 'manual',
    decisionId,
    requestId: options.requestId,
    venue: venueOfProfile(tenant, profile.profile),
    at: now,
  });
  await placeOrder(ctx, {
    tenant,
    order,
    decision,
    ...(options.gate ? { gate: options.gate } : {}),
  });
  return { kind: 'placed', order: orderToContract(order), decision };
}

/** Closes a whole position with a reduce-only market order (same controls as any exit). */
/**
 * The reduce-only market order that takes `quantity` (signed, as the position holds it) off a
 * profile's symbol: a long is sold, a short bought back.
 */
export const flatteningOrder = (
  profileId: string,
  symbol: string,
  quantity: Fixed,
): ManualTradeBody => ({
  profileId,
  symbol,
  side: quantity > 0n ? 'SELL' : 'BUY',
  type: 'MARKET',
  quantity: formatFixed(abs(quantity)),
  reduceOnly: true,
});

export async function closePositionOrder(
  ctx: EngineContext,
  options: {
    tenant: TenantRuntime;
    userId: string;
    profileId: string;
    symbol: string;
    requestId: string;
    orderKey?: string | undefined;
    reason?: string | undefined;
    gate?: SendGate | undefined;
  },
): Promise<ManualOrderResult> {
  const pos = options.tenant.profiles.get(options.profileId)?.positions.get(options.symbol);
  if (!pos || pos.qty === 0n) return denied('there is no open position to close', ['NO_POSITION']);
  return manualOrder(ctx, {
    tenant: options.tenant,
    userId: options.userId,
    body: flatteningOrder(options.profileId, options.symbol, pos.qty),
    requestId: options.requestId,
    orderKey: options.orderKey,
    origin: 'close',
    gate: options.gate,
    ...(options.reason ? { reason: options.reason } : {}),
  });
}

export type CancelResult =
  | { kind: 'cancelled' | 'unchanged'; order: Order }
  | { kind: 'not-cancellable'; order: Order; message: string }
  | { kind: 'not-found' };

/**
 * Cancels one open limit or stop order at the venue (a person's request; cancels are allowed
 * under every control, maintenance and the kill switch included). Idempotent: an order already
 * final is answered as it is, with kind 'unchanged'.
 */
export async function cancelOpenOrder(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; clientOrderId: string },
): Promise<CancelResult> {
  const live = options.tenant.orders.get(options.clientOrderId);
  if (!live) {
    const stored = await ctx.journal.findOrder(options.tenant.id, options.clientOrderId);
    if (!stored) return { kind: 'not-found' };
    return { kind: 'unchanged', order: stored.order };
  }
  if (!isOpen(live)) return { kind: 'unchanged', order: orderToContract(live) };
  if (live.type === 'MARKET')
    return {
      kind: 'not-cancellable',
      order: orderToContract(live),
      message: 'only open limit and stop orders can be cancelled',
    };
  await cancelOrder(ctx, { tenant: options.tenant, order: live });
  return { kind: isOpen(live) ? 'unchanged' : 'cancelled', order: orderToContract(live) };
}
