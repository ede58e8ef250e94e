import type { DecisionAction, OrderOrigin } from '@bytelyst/trading-contracts';
import { clientOrderIdFor, decisionIdFor } from '../domain/ids.js';
import { type Fixed, formatFixed } from '../domain/money/fixed.js';
import { priceFromNumber } from '../domain/money/instrument.js';
import { type OrderState, createOrder } from '../domain/orders/order.js';
import type { Bar } from '../ports/market-data.js';
import { rollDay } from './profile-books.js';
import type { EngineContext } from './context.js';
import { verdictFor } from './control-verdict.js';
import { blockKey, decide, repeatsBlock } from './decide.js';
import { makeDecision } from './decisions.js';
import { haltForDrawdown } from './drawdown-halt.js';
import { INTENT_ENTER, INTENT_NAME, INTENT_NONE, type Intent, evaluateSlot } from './evaluate.js';
import { exitBackingOff, exitMayBeReduceOnly } from './exits.js';
import { holdDecision } from './hold-decisions.js';
import { noteDrift, raiseDrift } from './model-drift.js';
import { placeOrders } from './order-flow.js';
import { preTradeCheck } from './pre-trade.js';
import type { TradedSymbol, TenantRuntime } from './runtime.js';
import { venueOfProfile } from './accounts.js';
import { UnitOfWork } from './unit-of-work.js';

/** What asked for the step: a closed candle, or a live tick crossing a stop or target. */
export type Trigger = 'candle' | 'tick';

/** What a candle close asks of one tenant: its slots that want something, and what each wants. */
export interface TenantIntents {
  readonly slots: TradedSymbol[];
  readonly intents: Intent[];
}

/**
 * The evaluate step for one candle close over every slot trading it: the strategy update and
 * the float-space checks (evaluate.ts). Slots that want something are grouped per tenant: one
 * queued step (and two commits) per tenant and candle, however many of its profiles trade on
 * this close. A HOLD or a repeat of a standing block is only counted; undefined when nothing
 * needs a step.
 */
export function evaluateCandle(
  ctx: EngineContext,
  options: { targets: readonly { tenant: TenantRuntime; slot: TradedSymbol }[]; bar: Bar },
): Map<TenantRuntime, TenantIntents> | undefined {
  let groups: Map<TenantRuntime, TenantIntents> | undefined;
  for (const { tenant, slot } of options.targets) {
    ctx.stats.candles++;
    const intent: Intent = evaluateSlot(slot, options.bar);
    // A new drift breach needs a step (its alert) even on a HOLD candle.
    if (noteDrift(slot)) {
      groups ??= new Map();
      let g = groups.get(tenant);
      if (!g) groups.set(tenant, (g = { slots: [], intents: [] }));
      g.slots.push(slot);
      g.intents.push(intent);
      continue;
    }
    if (intent === INTENT_NONE) {
      slot.lastBlock = null;
      ctx.stats.decisions.HOLD++;
      if (!ctx.config.persistHoldDecisions) continue;
    } else if (repeatsBlock(ctx, { tenant, slot, intent })) {
      ctx.stats.decisions.BLOCKED++;
      continue;
    }
    groups ??= new Map();
    let g = groups.get(tenant);
    if (!g) groups.set(tenant, (g = { slots: [], intents: [] }));
    g.slots.push(slot);
    g.intents.push(intent);
  }
  return groups;
}

/**
 * The candle path, after `evaluateSlot` (evaluate.ts) found that a slot wants something:
 * decide (decide.ts) -> gate (pre-trade.ts) -> the order, with the decision recorded in `uow`.
 * Nothing is sent here; `actOnCandle` places, books, commits and publishes.
 */
export function decideIntent(
  ctx: EngineContext,
  options: {
    tenant: TenantRuntime;
    slot: TradedSymbol;
    bar: Bar;
    intent: Intent;
    uow: UnitOfWork;
    trigger?: Trigger | undefined;
  },
): OrderState | null {
  const { tenant, slot, bar, intent, uow } = options;
  const profile = slot.profile;
  const now = ctx.clock.now();
  rollDay(profile, now);
  const price = priceFromNumber(slot.spec, bar.close);
  // The controls as they stood before this step (a drawdown halt below changes them).
  const before = verdictFor(ctx, tenant, profile);
  const decided = decide(ctx, { tenant, slot, price, intent, uow });
  if (!decided) return null;
  const reasons = decided.reasons;
  let action: DecisionAction = decided.action;
  let order: OrderState | null = null;
  // The trigger is part of the id: a tick at hh:mm:00 and the candle opening at hh:mm:00 are two
  // events, and one id for both would make the second rewrite the first's order.
  const decisionId = decisionIdFor(
    profile.profile.id,
    slot.symbol,
    bar.openTime,
    options.trigger === 'tick' ? `tick:${INTENT_NAME[intent]}` : INTENT_NAME[intent],
  );
  if (decided.proposal && action === 'EXIT' && exitBackingOff(slot, now)) {
    action = 'SKIPPED';
    reasons.push({
      kind: 'data',
      code: 'EXIT_RETRY_BACKOFF',
      message: `the venue refused the last exit (${slot.exitRetry?.reason ?? ''}); retrying after a backoff`,
    });
  } else if (decided.proposal) {
    const gate = preTradeCheck(ctx, { tenant, slot, order: decided.proposal, verdict: before });
    reasons.push(...gate.reasons);
    if (gate.action !== 'PASS') {
      action = gate.action;
      if (intent === INTENT_ENTER) {
        const refused = ctx.stats.refusedEntries;
        for (const r of gate.reasons) refused[r.code] = (refused[r.code] ?? 0) + 1;
      }
      if (gate.drawdown) haltForDrawdown(ctx, { tenant, profile, denial: gate.drawdown, uow });
    } else {
      order = newOrder({
        tenant,
        slot,
        decisionId,
        side: decided.proposal.side,
        quantity: gate.quantity,
        origin: decided.origin,
        now,
        // The proposal's reduceOnly is the engine's no-flip rule (the gate held it); the venue
        // judges its flag against the whole account, so it is set only where that is true.
        reduceOnly: decided.proposal.reduceOnly && exitMayBeReduceOnly(tenant, slot),
      });
    }
  }
  ctx.stats.decisions[action]++;
  if (action === 'BLOCKED') {
    // The same block as the last recorded one, with nothing else in between: counted, and the
    // standing record explains it. Codes only: the numbers behind a block move every candle.
    const block = blockKey(
      intent,
      reasons.map((r) => r.code),
      before.reasons,
    );
    if (slot.lastBlock === block) return order;
    slot.lastBlock = block;
  } else slot.lastBlock = null;
  // Persistence off: the decision is counted, not built (nothing would keep it).
  if (ctx.journal.discardsWrites) return order;
  uow.decision(
    makeDecision({
      id: decisionId,
      tenantId: tenant.id,
      profileId: profile.profile.id,
      symbol: slot.symbol,
      action,
      strength: slot.strategy.strength,
      inputs: slot.strategy.inputs(),
      reasons,
      controlReasons: before.reasons,
      price: formatFixed(price),
      candleTime: bar.openTime,
      orderId: order?.id ?? null,
      now,
    }),
  );
  return order;
}

/**
 * One candle close for one tenant, as one group, in the order the candle path reads:
 * evaluate (done by the caller) -> decide -> gate (`decideIntent`, per slot) -> place -> book ->
 * commit -> publish (`placeOrders`: every order's decision and intent are committed in ONE
 * transaction before any order is sent, the orders go to the venue together, and their outcomes
 * are booked in a second transaction whose commit publishes the events). Two commits per tenant
 * and candle, however many profiles trade on it. Profiles are independent (each has its own
 * cash, positions and limits), so deciding them together changes no decision. HOLD decisions
 * wait in the tenant's buffer (see `holdDecision`): explaining the quiet profiles never delays
 * an order.
 */
export async function actOnCandle(
  ctx: EngineContext,
  options: {
    tenant: TenantRuntime;
    bar: Bar;
    slots: TradedSymbol[];
    intents: Intent[];
    trigger?: Trigger;
  },
): Promise<void> {
  const { tenant, bar, slots, intents, trigger } = options;
  const uow = new UnitOfWork(ctx, tenant);
  let orders: OrderState[] | null = null;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    const intent = intents[i];
    if (!slot || intent === undefined) continue;
    if (slot.profile.modelDrift !== null) raiseDrift(ctx, { tenant, profile: slot.profile, uow });
    if (intent === INTENT_NONE) {
      holdDecision(ctx, { tenant, slot, bar });
      continue;
    }
    const order = decideIntent(ctx, { tenant, slot, bar, intent, uow, trigger });
    if (order) (orders ??= []).push(order);
  }
  if (orders) await placeOrders(ctx, { tenant, orders, uow });
  else await uow.commit();
}

function newOrder(options: {
  tenant: TenantRuntime;
  slot: TradedSymbol;
  decisionId: string;
  side: 'BUY' | 'SELL';
  quantity: Fixed;
  origin: OrderOrigin;
  now: number;
  reduceOnly: boolean;
}): OrderState {
  const id = clientOrderIdFor(options.decisionId, 0);
  const p = options.slot.profile.profile;
  return createOrder({
    id,
    clientOrderId: id,
    tenantId: p.tenantId,
    profileId: p.id,
    symbol: options.slot.symbol,
    side: options.side,
    type: 'MARKET',
    quantity: options.quantity,
    reduceOnly: options.reduceOnly,
    origin: options.origin,
    decisionId: options.decisionId,
    venue: venueOfProfile(options.tenant, p),
    at: options.now,
  });
}
