import type { DecisionAction, DecisionReason, OrderOrigin } from '@bytelyst/trading-contracts';
import { decisionIdFor, clientOrderIdFor } from '../domain/ids.js';
import { type Fixed, abs, div, formatFixed, min, mul, parseFixed } from '../domain/money/fixed.js';
import { notional, priceFromNumber, roundQuantity } from '../domain/money/instrument.js';
import { type OrderState, createOrder } from '../domain/orders/order.js';
import { checkEntry } from '../domain/risk/entry-check.js';
import { type RiskDenial, checkMaxDrawdown } from '../domain/risk/rules.js';
import { SIGNAL_ENTER, SIGNAL_EXIT } from '../domain/strategies/strategy.js';
import type { Bar } from '../ports/market-data.js';
import { equityOf, rollDay } from './books.js';
import type { EngineContext } from './context.js';
import { verdictFor } from './controls-view.js';
import { makeDecision } from './decisions.js';
import { holdDecision } from './hold.js';
import { placeOrders } from './order-flow.js';
import type { ProfileRuntime, SymbolSlot, TenantRuntime } from './runtime.js';
import { UnitOfWork } from './unit-of-work.js';

/** What a closed candle asks of a slot. Numbers, so the per-candle path allocates nothing. */
export const INTENT_NONE = 0;
export const INTENT_ENTER = 1;
export const INTENT_EXIT = 2;
export const INTENT_STOP = 3;
export const INTENT_TAKE = 4;
export const INTENT_DRAWDOWN = 5;
export type Intent = 0 | 1 | 2 | 3 | 4 | 5;

const INTENT_NAME = ['hold', 'enter', 'exit', 'stop', 'take', 'drawdown'] as const;

/**
 * The synchronous per-candle step: strategy update, protective exits and the drawdown watch in
 * float space. Most candles end here with INTENT_NONE (a HOLD) and never touch exact money.
 */
export function evaluateSlot(slot: SymbolSlot, bar: Bar): Intent {
  const signal = slot.strategy.update(bar);
  const close = bar.close;
  slot.last = close;
  const q = slot.qtyFloat;
  if (q !== 0) {
    if (q > 0 ? close <= slot.stopFloat : close >= slot.stopFloat) return INTENT_STOP;
    if (q > 0 ? close >= slot.takeFloat : close <= slot.takeFloat) return INTENT_TAKE;
    const p = slot.profile;
    let eq = p.cashFloat;
    const list = p.slotList;
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (s && s.qtyFloat !== 0) eq += s.qtyFloat * s.last;
    }
    if (p.peakFloat > 0 && (p.peakFloat - eq) / p.peakFloat >= p.drawdownLimitFloat)
      return INTENT_DRAWDOWN;
  }
  if (signal === SIGNAL_ENTER && q === 0) return INTENT_ENTER;
  if (signal === SIGNAL_EXIT && q > 0) return INTENT_EXIT;
  return INTENT_NONE;
}

const protectiveCode = (intent: typeof INTENT_STOP | typeof INTENT_TAKE) =>
  intent === INTENT_STOP ? 'STOP_LOSS' : 'TAKE_PROFIT';

/** What a BLOCKED decision was blocked by: intent and codes (the numbers move every candle). */
const blockKey = (intent: Intent, codes: readonly string[], controls: readonly string[]): string =>
  `${intent}|${codes.join(',')}|${controls.join(',')}`;

/**
 * True when deciding this protective exit now could only repeat the slot's standing block: the
 * exit is still refused by the controls for the same reasons and nothing is in flight. The caller
 * counts it as BLOCKED without a step (a halted profile past its stop would otherwise run one per
 * candle). Only for an idle tenant, so no queued step can change what the block depends on.
 */
export function repeatsBlock(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; slot: SymbolSlot; intent: Intent },
): boolean {
  const { tenant, slot, intent } = o;
  if (slot.lastBlock === null || (intent !== INTENT_STOP && intent !== INTENT_TAKE)) return false;
  if (tenant.queue.busy || slot.pending || tenant.unknown.size > 0) return false;
  const verdict = verdictFor(ctx, tenant, slot.profile);
  if (verdict.canReduce) return false;
  return slot.lastBlock === blockKey(intent, [protectiveCode(intent)], verdict.reasons);
}

/** Stop-loss or take-profit for a live price (ticks between candles). */
export function evaluateProtective(slot: SymbolSlot, price: number): Intent {
  const q = slot.qtyFloat;
  if (q === 0) return INTENT_NONE;
  if (q > 0 ? price <= slot.stopFloat : price >= slot.stopFloat) return INTENT_STOP;
  if (q > 0 ? price >= slot.takeFloat : price <= slot.takeFloat) return INTENT_TAKE;
  return INTENT_NONE;
}

function openPositionsElsewhere(profile: ProfileRuntime, symbol: string): number {
  let n = 0;
  for (const p of profile.positions.values()) if (p.qty !== 0n && p.symbol !== symbol) n++;
  return n;
}

function pendingNotional(tenant: TenantRuntime, profile: ProfileRuntime): Fixed {
  let s = 0n;
  for (const slot of profile.slots.values()) {
    const o = slot.pending;
    if (o && o.side === 'BUY' && slot.last > 0)
      s += mul(o.quantity - o.filled, priceFromNumber(slot.spec, slot.last));
  }
  return s;
}

/** Sizes an entry: the smallest of the order limit, the position limit and the per-position share of capital. */
function entryQuantity(profile: ProfileRuntime, slot: SymbolSlot, price: Fixed): Fixed {
  const l = profile.limits;
  const share = div(
    parseFixed(profile.profile.capitalAllocation),
    BigInt(l.maxOpenPositions) * 10n ** 18n,
    'floor',
  );
  const target = min(min(l.maxOrderNotional, l.maxPositionNotional), share);
  return roundQuantity(slot.spec, div(target, price, 'floor'));
}

/** The alert a drawdown halt raises (surfaces and the backtest summary look for it). */
export const MAX_DRAWDOWN_HALT_ALERT = 'MAX_DRAWDOWN_HALT';

/** A fraction from a risk verdict ("0.2002632", 0.2) as a person reads it ("20.03%"); text only. */
const asPercent = (v: unknown): string => {
  const n = Number(v);
  return Number.isFinite(n) ? `${(n * 100).toFixed(2).replace(/\.?0+$/, '')}%` : String(v);
};

/** Halts a profile whose drawdown breached its limit: no orders until an operator resumes it. */
export function haltForDrawdown(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; profile: ProfileRuntime; denial: RiskDenial; uow: UnitOfWork },
): void {
  const p = o.profile.profile;
  if (o.profile.haltedReason !== null) return;
  // Held in the engine (not the control maps the API refreshes) until a new profile version.
  o.profile.haltedReason = 'MAX_DRAWDOWN';
  o.tenant.needsCancelSweep = true;
  o.uow.alert({
    profileId: p.id,
    severity: 'critical',
    code: MAX_DRAWDOWN_HALT_ALERT,
    message: `profile ${p.name} halted: drawdown ${asPercent(o.denial.values.drawdownPct)} reached its ${asPercent(o.denial.values.limitPct)} limit`,
    key: `drawdown-halt|${p.id}|${p.version}`,
  });
  o.uow.auditEvent({
    at: new Date(ctx.clock.now()).toISOString(),
    actor: { type: 'system', id: ctx.instanceId, tenantId: p.tenantId },
    tenantId: p.tenantId,
    action: 'profile.blocked',
    target: `profile:${p.id}`,
    before: { mode: p.mode },
    after: { mode: 'HALTED' },
    reason: 'MAX_DRAWDOWN',
    requestId: null,
  });
}

/**
 * The decision for a candle that wants something: controls, risk, and the order it leads to (not
 * yet sent). The decision (and any halt's alert and audit row) goes into `uow`; the caller commits
 * it together with the order's intent before anything reaches the venue.
 */
export function decideIntent(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; slot: SymbolSlot; bar: Bar; intent: Intent; uow: UnitOfWork },
): OrderState | null {
  const { tenant, slot, bar, intent, uow } = o;
  const profile = slot.profile;
  const p = profile.profile;
  const now = ctx.clock.now();
  rollDay(profile, now);
  const price = priceFromNumber(slot.spec, bar.close);
  const verdict = verdictFor(ctx, tenant, profile);
  const reasons: DecisionReason[] = [];
  let action: DecisionAction;
  let order: OrderState | null = null;
  const decisionId = decisionIdFor(p.id, slot.symbol, bar.openTime, INTENT_NAME[intent]);
  const pos = slot.position;

  if (intent === INTENT_DRAWDOWN) {
    const e = equityOf(ctx, profile);
    const denial = checkMaxDrawdown({
      equity: e.equity,
      peak: profile.peakEquity,
      limitPct: profile.limits.maxDrawdownPct,
    });
    if (!denial) return null;
    haltForDrawdown(ctx, { tenant, profile, denial, uow });
    reasons.push({
      kind: 'risk',
      code: denial.code,
      message: denial.message,
      values: denial.values,
    });
    action = 'BLOCKED';
  } else if (intent === INTENT_STOP || intent === INTENT_TAKE) {
    const code = protectiveCode(intent);
    reasons.push({
      kind: 'risk',
      code,
      message: `${code} level reached`,
      values: { level: intent === INTENT_STOP ? slot.stopFloat : slot.takeFloat },
    });
    action = 'EXIT';
  } else {
    reasons.push({
      kind: 'strategy',
      code: slot.strategy.reason,
      message: `${slot.strategy.id}: ${slot.strategy.reason}`,
    });
    action = intent === INTENT_ENTER ? 'ENTER' : 'EXIT';
  }

  if (action === 'ENTER' || action === 'EXIT') {
    if (slot.pending || tenant.unknown.size > 0) {
      action = 'SKIPPED';
      reasons.push({
        kind: 'data',
        code: 'ORDER_IN_FLIGHT',
        message: 'an earlier order is not settled yet',
      });
    } else if (action === 'ENTER' && !verdict.canEnter) {
      action = 'BLOCKED';
    } else if (action === 'EXIT' && !verdict.canReduce) {
      action = 'BLOCKED';
    }
  }
  if (action === 'ENTER') {
    const quantity = entryQuantity(profile, slot, price);
    const orderNotional = notional(quantity, price);
    const e = equityOf(ctx, profile);
    const denials = checkEntry({
      limits: profile.limits,
      now,
      quantity,
      lot: slot.spec.lot,
      orderNotional,
      minNotional: slot.spec.minNotional,
      positionNotional: mul(pos.qty, price),
      openPositionsElsewhere: openPositionsElsewhere(profile, slot.symbol),
      opensNew: pos.qty === 0n,
      dailyPnl: profile.dailyNet + e.unrealized,
      equity: e.equity,
      peakEquity: profile.peakEquity,
      lastLossAt: profile.lastLossAt,
      lastTickAt: ctx.lastTickAt.get(slot.symbol) ?? null,
      cashAvailable: profile.cash - pendingNotional(tenant, profile),
    });
    if (denials.length > 0) {
      action = 'BLOCKED';
      for (const d of denials)
        reasons.push({ kind: 'risk', code: d.code, message: d.message, values: d.values });
      const dd = denials.find((d) => d.code === 'MAX_DRAWDOWN');
      if (dd) haltForDrawdown(ctx, { tenant, profile, denial: dd, uow });
    } else {
      order = newOrder({ slot, decisionId, side: 'BUY', quantity, origin: 'strategy', now });
    }
  } else if (action === 'EXIT') {
    const origin: OrderOrigin =
      intent === INTENT_STOP ? 'stop' : intent === INTENT_TAKE ? 'take-profit' : 'strategy';
    order = newOrder({
      slot,
      decisionId,
      side: pos.qty > 0n ? 'SELL' : 'BUY',
      quantity: abs(pos.qty),
      origin,
      now,
      reduceOnly: true,
    });
  }
  ctx.stats.decisions[action]++;
  if (action === 'BLOCKED') {
    // The same block as the last recorded one, with nothing else in between: counted, and the
    // standing record explains it. Codes only: the numbers behind a block move every candle.
    const block = blockKey(
      intent,
      reasons.map((r) => r.code),
      verdict.reasons,
    );
    if (slot.lastBlock === block) return order;
    slot.lastBlock = block;
  } else slot.lastBlock = null;
  // Persistence off: the decision is counted, not built (nothing would keep it).
  if (ctx.journal.discardsWrites) return order;
  const decision = makeDecision({
    id: decisionId,
    tenantId: tenant.id,
    profileId: p.id,
    symbol: slot.symbol,
    action,
    strength: slot.strategy.strength,
    inputs: slot.strategy.inputs(),
    reasons,
    controlReasons: verdict.reasons,
    price: formatFixed(price),
    candleTime: bar.openTime,
    orderId: order?.id ?? null,
    now,
  });
  uow.decision(decision);
  return order;
}

/**
 * One candle close for one tenant, as one group: every order's decision and intent are committed
 * in ONE transaction before any order is sent, the orders go to the venue together, and their
 * outcomes are booked in a second transaction. Two commits per tenant and candle, however many
 * profiles trade on it, instead of two per order. Profiles are independent (each has its own cash,
 * positions and limits), so deciding them together changes no decision. HOLD decisions (no order,
 * nothing to settle) wait in the tenant's buffer (see `holdDecision`): explaining the quiet
 * profiles never delays an order.
 */
export async function actOnCandle(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; bar: Bar; slots: SymbolSlot[]; intents: Intent[] },
): Promise<void> {
  const { tenant, bar, slots, intents } = o;
  const uow = new UnitOfWork(ctx, tenant);
  let orders: OrderState[] | null = null;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    const intent = intents[i];
    if (!slot || intent === undefined) continue;
    if (intent === INTENT_NONE) {
      holdDecision(ctx, { tenant, slot, bar });
      continue;
    }
    const order = decideIntent(ctx, { tenant, slot, bar, intent, uow });
    if (order) (orders ??= []).push(order);
  }
  if (orders) await placeOrders(ctx, { tenant, orders, uow });
  else await uow.commit();
}

function newOrder(o: {
  slot: SymbolSlot;
  decisionId: string;
  side: 'BUY' | 'SELL';
  quantity: Fixed;
  origin: OrderOrigin;
  now: number;
  reduceOnly?: boolean;
}): OrderState {
  const id = clientOrderIdFor(o.decisionId, 0);
  const p = o.slot.profile.profile;
  return createOrder({
    id,
    clientOrderId: id,
    tenantId: p.tenantId,
    profileId: p.id,
    symbol: o.slot.symbol,
    side: o.side,
    type: 'MARKET',
    quantity: o.quantity,
    reduceOnly: o.reduceOnly ?? false,
    origin: o.origin,
    decisionId: o.decisionId,
    at: o.now,
  });
}
