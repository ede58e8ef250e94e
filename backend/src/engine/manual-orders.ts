import {
  type Decision,
  type DecisionReason,
  type ManualTradeBody,
  type Order,
  ManualTradeBody as ManualTradeBodySchema,
} from '@bytelyst/trading-contracts';
import { clientOrderIdFor, stableId } from '../domain/ids.js';
import { type Fixed, abs, formatFixed, mul, parseFixed } from '../domain/money/fixed.js';
import { isOnStep, notional, priceFromNumber } from '../domain/money/instrument.js';
import { createOrder, orderToContract } from '../domain/orders/order.js';
import { checkEntry } from '../domain/risk/entry-check.js';
import { equityOf, rollDay } from './books.js';
import type { EngineContext } from './context.js';
import { verdictFor } from './controls-view.js';
import { makeDecision } from './decisions.js';
import { placeOrder } from './order-flow.js';
import type { TenantRuntime } from './runtime.js';
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
 * A person's order goes through the same controls and risk rules as a strategy's. Orders that
 * only reduce the position need `canReduce`; anything else needs `canEnter` and passes every
 * entry rule. The decision and client order id derive from the request id, so a retried request
 * yields the same ids (and the venue refuses a second copy).
 */
export async function manualOrder(
  ctx: EngineContext,
  o: {
    tenant: TenantRuntime;
    userId: string;
    body: ManualTradeBody;
    requestId: string;
    origin?: 'manual' | 'close';
    reason?: string;
  },
): Promise<ManualOrderResult> {
  const { tenant } = o;
  const body = ManualTradeBodySchema.parse(o.body);
  const profile = tenant.profiles.get(body.profileId);
  if (!profile) return denied('profile not found for this tenant', ['NOT_FOUND']);
  const slot = profile.slots.get(body.symbol);
  if (!slot) return denied(`the profile does not trade ${body.symbol}`, ['SYMBOL_NOT_IN_PROFILE']);
  const now = ctx.clock.now();
  rollDay(profile, now);
  const decisionId = stableId('d-', 'manual', tenant.id, o.requestId);
  const quantity = parseFixed(body.quantity);
  const pos = slot.position;
  const signed = body.side === 'BUY' ? quantity : -quantity;
  const reduces = pos.qty !== 0n && pos.qty > 0n !== signed > 0n && abs(signed) <= abs(pos.qty);
  const verdict = verdictFor(ctx, tenant, profile);
  const reasons: DecisionReason[] = [
    {
      kind: 'strategy',
      code: o.origin === 'close' ? 'CLOSE_POSITION' : 'MANUAL_ORDER',
      message: o.reason ?? `manual ${body.side} by ${o.userId}`,
    },
  ];
  const last = slot.last > 0 ? priceFromNumber(slot.spec, slot.last) : null;
  const refPrice: Fixed | null = body.limitPrice
    ? parseFixed(body.limitPrice)
    : body.stopPrice
      ? parseFixed(body.stopPrice)
      : last;
  let blocked = false;
  if (body.reduceOnly && !reduces) {
    blocked = true;
    reasons.push({
      kind: 'risk',
      code: 'REDUCE_ONLY',
      message: 'a reduce-only order must shrink the position',
    });
  }
  if (!isOnStep(quantity, slot.spec.lot)) {
    blocked = true;
    reasons.push({
      kind: 'risk',
      code: 'QUANTITY_BELOW_LOT',
      message: 'quantity is not a multiple of the lot',
      values: { lot: formatFixed(slot.spec.lot) },
    });
  }
  if (refPrice === null) {
    blocked = true;
    reasons.push({ kind: 'data', code: 'NO_PRICE', message: 'no market price yet' });
  }
  if (reduces ? !verdict.canReduce : !verdict.canEnter) blocked = true;
  if (!blocked && !reduces && refPrice !== null) {
    const e = equityOf(ctx, profile);
    const orderNotional = notional(quantity, refPrice);
    const openElsewhere = [...profile.positions.values()].filter(
      (p) => p.qty !== 0n && p.symbol !== body.symbol,
    ).length;
    for (const d of checkEntry({
      limits: profile.limits,
      now,
      quantity,
      lot: slot.spec.lot,
      orderNotional,
      minNotional: slot.spec.minNotional,
      positionNotional: mul(pos.qty, refPrice),
      openPositionsElsewhere: openElsewhere,
      opensNew: pos.qty === 0n,
      dailyPnl: profile.dailyNet + e.unrealized,
      equity: e.equity,
      peakEquity: profile.peakEquity,
      lastLossAt: profile.lastLossAt,
      lastTickAt: ctx.lastTickAt.get(body.symbol) ?? null,
      cashAvailable: body.side === 'BUY' ? profile.cash : profile.cash + orderNotional,
    })) {
      blocked = true;
      reasons.push({ kind: 'risk', code: d.code, message: d.message, values: d.values });
    }
  }
  if (slot.pending && !blocked) {
    blocked = true;
    reasons.push({
      kind: 'data',
      code: 'ORDER_IN_FLIGHT',
      message: 'an earlier order for this symbol is not settled yet',
    });
  }
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
    action: blocked ? 'BLOCKED' : reduces ? 'EXIT' : 'ENTER',
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
    quantity,
    limitPrice: body.limitPrice ? parseFixed(body.limitPrice) : null,
    stopPrice: body.stopPrice ? parseFixed(body.stopPrice) : null,
    reduceOnly: body.reduceOnly || reduces,
    origin: o.origin ?? 'manual',
    decisionId,
    requestId: o.requestId,
    at: now,
  });
  await placeOrder(ctx, { tenant, order, decision });
  return { kind: 'placed', order: orderToContract(order), decision };
}

/** Closes a whole position with a reduce-only market order (same controls as any exit). */
export async function closePositionOrder(
  ctx: EngineContext,
  o: {
    tenant: TenantRuntime;
    userId: string;
    profileId: string;
    symbol: string;
    requestId: string;
    reason?: string | undefined;
  },
): Promise<ManualOrderResult> {
  const pos = o.tenant.profiles.get(o.profileId)?.positions.get(o.symbol);
  if (!pos || pos.qty === 0n) return denied('there is no open position to close', ['NO_POSITION']);
  return manualOrder(ctx, {
    tenant: o.tenant,
    userId: o.userId,
    body: {
      profileId: o.profileId,
      symbol: o.symbol,
      side: pos.qty > 0n ? 'SELL' : 'BUY',
      type: 'MARKET',
      quantity: formatFixed(abs(pos.qty)),
      reduceOnly: true,
    },
    requestId: o.requestId,
    origin: 'close',
    ...(o.reason ? { reason: o.reason } : {}),
  });
}
