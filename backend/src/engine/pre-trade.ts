import type { ControlVerdict, DecisionReason, OrderType, Side } from '@bytelyst/trading-contracts';
import { type Fixed, abs, formatFixed, mul, parseFixed } from '../domain/money/fixed.js';
import { isOnStep, notional, priceFromNumber } from '../domain/money/instrument.js';
import { type CostBounds, fittingQuantity, worstCaseCost } from '../domain/risk/capital.js';
import { checkEntry } from '../domain/risk/entry-check.js';
import type { RiskDenial } from '../domain/risk/rules.js';
import { quantityWithinCap, rampUpCap } from '../domain/venues/ramp-up.js';
import { equityOf, rollDay } from './profile-books.js';
import { type EngineContext, ticksOf } from './context.js';
import { verdictFor } from './control-verdict.js';
import type { ProfileRuntime, TradedSymbol, TenantRuntime } from './runtime.js';

/**
 * The pre-trade gate: every order, whatever made it (a strategy's entry or exit, a stop, a
 * person's order, a close), passes here and comes back allowed or denied with the reasons as
 * data. One seam, so a rule added here holds for every source, and the same inputs always give
 * the same denials (see pre-trade.test.ts).
 */

/** An order as proposed, before the gate: what, how much, and at what reference price. */
export interface OrderProposal {
  readonly side: Side;
  readonly type: OrderType;
  readonly quantity: Fixed;
  /** The limit or stop price, else the last price; null when the market has not printed yet. */
  readonly price: Fixed | null;
  readonly reduceOnly: boolean;
}

export interface GateResult {
  /** PASS, or what the decision becomes: BLOCKED by a rule, SKIPPED while an order is in flight. */
  readonly action: 'PASS' | 'BLOCKED' | 'SKIPPED';
  /** The quantity to send (an entry may be sized down to what fits, see `sizingMode`). */
  readonly quantity: Fixed;
  /** True when the order only shrinks the position (it needs `canReduce`, not `canEnter`). */
  readonly reduces: boolean;
  readonly verdict: ControlVerdict;
  /**
   * The gate's own reasons (risk and data), in a stable order; on PASS only a resize's (an entry
   * sized down to a newly live profile's ramp-up cap, RAMP_UP_CAP).
   */
  readonly reasons: DecisionReason[];
  /** A drawdown breach among the denials: the caller halts the profile. */
  readonly drawdown: RiskDenial | null;
}

/** The cost bounds the capital rule counts, parsed once per engine config. */
const boundsCache = new WeakMap<object, CostBounds>();
export function costBoundsOf(ctx: EngineContext): CostBounds {
  let b = boundsCache.get(ctx.config);
  if (!b) {
    b = {
      feeRate: parseFixed(ctx.config.feeRateBound),
      slippage: BigInt(ctx.config.slippageBoundBps) * 10n ** 14n,
    };
    boundsCache.set(ctx.config, b);
  }
  return b;
}

/** True when the order moves the position toward zero without crossing it. */
export function reducesPosition(position: Fixed, side: Side, quantity: Fixed): boolean {
  const signed = side === 'BUY' ? quantity : -quantity;
  return position !== 0n && position > 0n !== signed > 0n && abs(signed) <= abs(position);
}

/**
 * Worst-case cost of the profile's orders in flight (other than `except`'s), held back from its
 * cash: an entry must fit in what is left after them.
 */
function reservedCash(ctx: EngineContext, profile: ProfileRuntime, except: TradedSymbol): Fixed {
  let s = 0n;
  const bounds = costBoundsOf(ctx);
  for (const slot of profile.slotList) {
    const o = slot.pending;
    if (!o || slot === except || o.side !== 'BUY') continue;
    const ref = o.limitPrice ?? o.stopPrice ?? lastPrice(slot);
    if (ref === null) continue;
    s += worstCaseCost({
      side: 'BUY',
      quantity: o.quantity - o.filled,
      price: ref,
      limit: o.type === 'LIMIT',
      tick: slot.spec.tick,
      bounds,
    });
  }
  return s;
}

/** The slot's last price as an exact tick multiple; null before the first print. */
export function lastPrice(slot: TradedSymbol): Fixed | null {
  return slot.last > 0 ? priceFromNumber(slot.spec, slot.last) : null;
}

function openPositionsElsewhere(profile: ProfileRuntime, symbol: string): number {
  let n = 0;
  for (const p of profile.positions.values()) if (p.qty !== 0n && p.symbol !== symbol) n++;
  return n;
}

const riskReason = (d: RiskDenial): DecisionReason => ({
  kind: 'risk',
  code: d.code,
  message: d.message,
  values: d.values,
});

/**
 * Checks one proposed order, in this order: an order in flight (SKIPPED), the order's shape
 * (reduce-only, lot, no short on a spot venue, price), the controls (`canReduce` for a reducing order, `canEnter` for
 * anything else), then for new exposure every entry rule including the capital rule, which
 * counts the worst-case cost against cash net of what orders in flight may still take.
 */
export function preTradeCheck(
  ctx: EngineContext,
  options: {
    tenant: TenantRuntime;
    slot: TradedSymbol;
    order: OrderProposal;
    /** The controls verdict at this instant when the caller already has it (saves a second). */
    verdict?: ControlVerdict;
  },
): GateResult {
  const { tenant, slot, order } = options;
  const profile = slot.profile;
  const now = ctx.clock.now();
  rollDay(profile, now);
  const pos = slot.position;
  const reduces = reducesPosition(pos.qty, order.side, order.quantity);
  const verdict = options.verdict ?? verdictFor(ctx, tenant, profile);
  const reasons: DecisionReason[] = [];
  const result = (
    action: GateResult['action'],
    quantity = order.quantity,
    drawdown = null as RiskDenial | null,
  ): GateResult => ({
    action,
    quantity,
    reduces,
    verdict,
    reasons,
    drawdown,
  });

  if (slot.pending || tenant.unknown.size > 0) {
    reasons.push({
      kind: 'data',
      code: 'ORDER_IN_FLIGHT',
      message: 'an earlier order is not settled yet',
    });
    return result('SKIPPED');
  }
  if (order.reduceOnly && !reduces)
    reasons.push({
      kind: 'risk',
      code: 'REDUCE_ONLY',
      message: 'a reduce-only order must shrink the position',
    });
  if (!isOnStep(order.quantity, slot.spec.lot))
    reasons.push({
      kind: 'risk',
      code: 'QUANTITY_BELOW_LOT',
      message: 'quantity is not a multiple of the lot',
      values: { lot: formatFixed(slot.spec.lot) },
    });
  if (order.side === 'SELL' && !reduces && !ctx.config.allowShortSelling)
    reasons.push({
      kind: 'risk',
      code: 'SHORT_NOT_ALLOWED',
      message: 'a spot venue sells only what the profile holds',
      values: { position: formatFixed(pos.qty), quantity: formatFixed(order.quantity) },
    });
  if (order.price === null)
    reasons.push({ kind: 'data', code: 'NO_PRICE', message: 'no market price yet' });
  const allowedByControls = reduces ? verdict.canReduce : verdict.canEnter;
  if (reasons.length > 0 || !allowedByControls || order.price === null) return result('BLOCKED');
  if (reduces) return result('PASS');

  const price = order.price;
  const bounds = costBoundsOf(ctx);
  const costOf = (quantity: Fixed) =>
    worstCaseCost({
      side: order.side,
      quantity,
      price,
      limit: order.type === 'LIMIT',
      tick: slot.spec.tick,
      bounds,
    });
  const reserved = reservedCash(ctx, profile, slot);
  let quantity = order.quantity;
  let cost = costOf(quantity);
  if (profile.limits.sizingMode === 'down' && cost > profile.cash - reserved) {
    quantity = fittingQuantity({
      side: order.side,
      quantity,
      price,
      limit: order.type === 'LIMIT',
      tick: slot.spec.tick,
      bounds,
      cash: profile.cash - reserved,
      lot: slot.spec.lot,
    });
    cost = costOf(quantity);
  }
  const ramp = rampUpCap(profile.profile.rampUp, now);
  if (ramp && notional(quantity, price) > ramp.cap) {
    // A newly live profile (promotion): entries are sized down to the ramp-up's cap, with the
    // reason on the decision; one that cannot fit a lot within it is refused.
    quantity = quantityWithinCap({ cap: ramp.cap, price, lot: slot.spec.lot });
    cost = costOf(quantity);
    reasons.push({
      kind: 'risk',
      code: 'RAMP_UP_CAP',
      message: `live since ${ramp.day} day(s): orders capped at ${formatFixed(ramp.cap)} by the ramp-up`,
      values: {
        cap: formatFixed(ramp.cap),
        day: String(ramp.day),
        quantity: formatFixed(quantity),
      },
    });
    if (quantity === 0n) return result('BLOCKED', quantity);
  }
  const e = equityOf(ctx, profile);
  const denials = checkEntry({
    limits: profile.limits,
    now,
    quantity,
    lot: slot.spec.lot,
    orderNotional: notional(quantity, price),
    minNotional: slot.spec.minNotional,
    positionNotional: mul(pos.qty, price),
    openPositionsElsewhere: openPositionsElsewhere(profile, slot.symbol),
    opensNew: pos.qty === 0n,
    dailyPnl: profile.dailyNet + e.unrealized,
    equity: e.equity,
    peakEquity: profile.peakEquity,
    lastLossAt: profile.lastLossAt,
    lastTickAt: ticksOf(ctx, slot.profile.profile.id).get(slot.symbol) ?? null,
    cash: profile.cash,
    reserved,
    worstCaseCost: cost,
  });
  if (denials.length === 0) return result('PASS', quantity);
  for (const d of denials) reasons.push(riskReason(d));
  return result('BLOCKED', quantity, denials.find((d) => d.code === 'MAX_DRAWDOWN') ?? null);
}
