import { type Fixed, ZERO, formatFixed, mul, parseFixed } from '../domain/money/fixed.js';
import { priceFromNumber } from '../domain/money/instrument.js';
import { bookFill } from '../domain/fill-booking.js';
import { capitalTransaction } from '../domain/ledger/ledger.js';
import { ledgerTxIdFor } from '../domain/ids.js';
import { type OrderState, isOpen, orderFromContract } from '../domain/orders/order.js';
import { averageEntry, flatPosition, type PositionState } from '../domain/positions/position.js';
import { drawdownPct } from '../domain/risk/rules.js';
import type { VenueFill } from '../ports/execution-client.js';
import type { EngineContext } from './context.js';
import { type ProfileRuntime, type TenantRuntime, refreshFloatCopies } from './runtime.js';
import type { UnitOfWork } from './unit-of-work.js';

const DAY_MS = 86_400_000;

/** Exact mark of a position: the last close rounded to the tick, else its entry. */
export function markOf(ctx: EngineContext, profile: ProfileRuntime, pos: PositionState): Fixed {
  const slot = profile.slots.get(pos.symbol);
  const spec = slot?.spec;
  const last = slot?.last ?? NaN;
  if (spec && Number.isFinite(last) && last > 0) return priceFromNumber(spec, last);
  return pos.mark ?? averageEntry(pos);
}

export function equityOf(
  ctx: EngineContext,
  profile: ProfileRuntime,
): { equity: Fixed; unrealized: Fixed; realized: Fixed } {
  let value = ZERO;
  let unrealized = ZERO;
  let realized = ZERO;
  for (const pos of profile.positions.values()) {
    realized += pos.realized - pos.fees;
    if (pos.qty === 0n) continue;
    const mark = markOf(ctx, profile, pos);
    pos.mark = mark;
    const v = mul(pos.qty, mark);
    value += v;
    unrealized += v - pos.cost;
  }
  return { equity: profile.cash + value, unrealized, realized };
}

export function rollDay(profile: ProfileRuntime, now: number): void {
  const day = Math.floor(now / DAY_MS) * DAY_MS;
  if (day !== profile.dayStart) {
    profile.dayStart = day;
    profile.dailyNet = ZERO;
  }
}

/**
 * Moves the drawdown peak and writes an equity snapshot. The peak moves the same way whether or
 * not anything is stored (a backtest with persistence off decides exactly like one with it on);
 * only the record is skipped when the journal discards writes.
 */
export function snapshotEquity(ctx: EngineContext, profile: ProfileRuntime, uow: UnitOfWork): void {
  const now = ctx.clock.now();
  const e = equityOf(ctx, profile);
  if (e.equity > profile.peakEquity) profile.peakEquity = e.equity;
  profile.lastEquityAt = now;
  refreshFloatCopies(profile);
  if (ctx.journal.discardsWrites) return;
  uow.equitySnapshot({
    tenantId: profile.profile.tenantId,
    profileId: profile.profile.id,
    at: new Date(now).toISOString(),
    equity: formatFixed(e.equity),
    cash: formatFixed(profile.cash),
    unrealizedPnl: formatFixed(e.unrealized),
    realizedPnl: formatFixed(e.realized),
    drawdownPct: formatFixed(drawdownPct(e.equity, profile.peakEquity)),
  });
}

/** Brings the ledger's funded capital to the profile's allocation with one balanced transaction. */
export function fundProfile(ctx: EngineContext, profile: ProfileRuntime, uow: UnitOfWork): void {
  const target = parseFixed(profile.profile.capitalAllocation);
  const delta = target - profile.funded;
  if (delta === 0n) return;
  const p = profile.profile;
  uow.ledgerEntries(
    capitalTransaction(
      {
        tenantId: p.tenantId,
        profileId: p.id,
        transactionId: ledgerTxIdFor(
          'capital',
          `${p.id}|${p.version}|${formatFixed(target)}|${formatFixed(profile.funded)}`,
        ),
        currency: ctx.config.quoteCurrency,
        fillId: null,
        memo: `capital allocation ${formatFixed(target)}`,
        postedAt: ctx.clock.now(),
      },
      delta,
    ),
  );
  profile.funded = target;
  profile.cash += delta;
  if (profile.peakEquity === 0n || delta < 0n) profile.peakEquity = equityOf(ctx, profile).equity;
  refreshFloatCopies(profile);
}

/** The order a venue fill belongs to: in memory, else from the journal; null if unknown (external). */
export async function findOrder(
  ctx: EngineContext,
  tenant: TenantRuntime,
  clientOrderId: string,
): Promise<OrderState | null> {
  const known = tenant.orders.get(clientOrderId);
  if (known) return known;
  const stored = await ctx.journal.findOrder(tenant.id, clientOrderId);
  if (!stored) return null;
  const order = orderFromContract(stored.order, stored.fills);
  tenant.orders.set(clientOrderId, order);
  return order;
}

/**
 * Books one venue fill into order, position and ledger (idempotent by exchangeTradeId). Returns
 * true when something new was booked.
 */
export async function bookVenueFill(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; fill: VenueFill; uow: UnitOfWork },
): Promise<boolean> {
  const { tenant, fill, uow } = options;
  const order = await findOrder(ctx, tenant, fill.clientOrderId);
  if (!order) {
    uow.alert({
      profileId: null,
      severity: 'warning',
      code: 'EXTERNAL_FILL',
      message: `fill ${fill.exchangeTradeId} for unknown order ${fill.clientOrderId} (${fill.symbol})`,
      key: `external-fill|${fill.exchangeTradeId}`,
    });
    return false;
  }
  const profile = order.profileId ? tenant.profiles.get(order.profileId) : undefined;
  if (!profile) return false;
  let position = profile.positions.get(order.symbol);
  if (!position) {
    position = flatPosition({
      tenantId: tenant.id,
      profileId: profile.profile.id,
      symbol: order.symbol,
    });
    profile.positions.set(order.symbol, position);
  }
  const r = bookFill({
    order,
    position,
    report: {
      exchangeTradeId: fill.exchangeTradeId,
      quantity: parseFixed(fill.quantity),
      price: parseFixed(fill.price),
      fee: parseFixed(fill.fee),
      feeCurrency: fill.feeCurrency,
      liquidity: fill.liquidity,
      at: fill.at,
    },
    currency: ctx.config.quoteCurrency,
    records: !ctx.journal.discardsWrites,
    strategy: profile.profile.strategy.strategy,
  });
  if (!r.booked) {
    if (r.outcome.applied === false && r.outcome.reason === 'OVERFILL') {
      uow.alert({
        profileId: profile.profile.id,
        severity: 'critical',
        code: 'OVERFILL_REPORT',
        message: `venue reported fill ${fill.exchangeTradeId} beyond order ${order.id} quantity`,
        key: `overfill|${fill.exchangeTradeId}`,
      });
    }
    return false;
  }
  const b = r.booked;
  ctx.stats.fills++;
  if (b.fill) uow.fill(b.fill, b.ledgerEntries);
  if (ctx.config.fillAlerts)
    uow.alert({
      profileId: profile.profile.id,
      severity: 'info',
      code: 'ORDER_FILLED',
      message: `${order.side} ${fill.quantity} ${order.symbol} at ${fill.price} filled (order ${order.id})`,
      key: `fill|${order.id}|${fill.exchangeTradeId}`,
      informational: true,
    });
  uow.order(order);
  uow.position(position);
  profile.cash += b.cashDelta;
  if (b.trade && b.closed) {
    ctx.stats.trades++;
    uow.trade(b.trade);
    rollDay(profile, ctx.clock.now());
    const net = b.closed.realizedPnl - b.closed.fees;
    profile.dailyNet += net;
    if (net < 0n) profile.lastLossAt = b.closed.closedAt;
  }
  // The per-candle path reads float copies of quantity, cash and stop levels: a fill pushed
  // after the submit's answer (an order resting until the next open) must refresh them here,
  // or the next candle would still see the position as it was before the fill.
  refreshFloatCopies(profile);
  const slot = profile.slots.get(order.symbol);
  if (slot && slot.pending === order && !isOpen(order)) slot.pending = null;
  if (!isOpen(order)) tenant.unknown.delete(order.clientOrderId);
  return true;
}
