/**
 * Exits on a venue account shared by several profiles.
 *
 * The venue sees one account per tenant; each profile is a sub-ledger inside it. The engine sizes
 * every exit to the profile's own position and never lets it flip that position (the per-profile
 * no-flip rule), but the venue judges `reduceOnly` against the account's NET position for the
 * symbol: with profile A short 18 and profile B long 52.99, A's buy-to-close increases nothing of
 * A's yet reduces nothing of the account's net long, so the venue refuses it. `exitMayBeReduceOnly`
 * says when the flag is right; otherwise the exit goes out as a plain order.
 *
 * An exit the venue refuses anyway is retried with exponential backoff and jitter (clock time,
 * deterministic jitter from the order id so a backtest replays identically), at most
 * EXIT_MAX_ATTEMPTS times; then the profile is BLOCKED with one alert carrying the venue's reason.
 */
import { stableId } from '../domain/ids.js';
import type { OrderState } from '../domain/orders/order.js';
import type { EngineContext } from './context.js';
import type { TradedSymbol, TenantRuntime } from './runtime.js';
import type { UnitOfWork } from './unit-of-work.js';

export const EXIT_MAX_ATTEMPTS = 5;
export const EXIT_BACKOFF_BASE_MS = 1_000;
export const EXIT_BACKOFF_CAP_MS = 60_000;
export const EXIT_REFUSED_ALERT = 'EXIT_REFUSED';

/**
 * True when an exit of `slot`'s position may carry `reduceOnly`: no other profile of the same
 * venue account holds (or has in flight an order opening) the opposite side of the symbol, so the
 * account's net position has the exit's profile's sign and at least its size.
 */
export function exitMayBeReduceOnly(tenant: TenantRuntime, slot: TradedSymbol): boolean {
  const long = slot.position.qty > 0n;
  for (const p of tenant.profiles.values()) {
    if (p === slot.profile) continue;
    const other = p.positions.get(slot.symbol);
    if (other && other.qty !== 0n && other.qty > 0n !== long) return false;
    const pending = p.slots.get(slot.symbol)?.pending;
    if (pending && !pending.reduceOnly && (pending.side === 'BUY') !== long) return false;
  }
  return true;
}

/** Backoff before attempt `attempts + 1`: base x 2^(attempts-1), capped, times 0.5-1 jitter. */
export function exitBackoffMs(attempts: number, orderId: string): number {
  const exp = Math.min(EXIT_BACKOFF_CAP_MS, EXIT_BACKOFF_BASE_MS * 2 ** (attempts - 1));
  const jitter = parseInt(stableId('', orderId, 'jitter').slice(0, 8), 16) / 0xffffffff;
  return Math.round(exp * (0.5 + 0.5 * jitter));
}

/** An automatic exit of this slot waits: an earlier one was refused and its backoff runs. */
export function exitBackingOff(slot: TradedSymbol, now: number): boolean {
  return slot.exitRetry !== null && now < slot.exitRetry.notBefore;
}

const isAutomaticExit = (slot: TradedSymbol, order: OrderState): boolean => {
  if (order.origin === 'manual' || order.origin === 'close') return false;
  const q = slot.position.qty;
  return q > 0n ? order.side === 'SELL' : q < 0n && order.side === 'BUY';
};

/**
 * After the venue answered: an accepted automatic exit clears the slot's retry state; a refused
 * one (REJECTED by the venue, or a non-retryable submit error) schedules the next attempt, or
 * after EXIT_MAX_ATTEMPTS blocks the profile with one alert and one audit row. Returns true when
 * the refusal is handled here (the caller raises no per-order alert of its own).
 */
export function noteExitOutcome(
  ctx: EngineContext,
  options: {
    tenant: TenantRuntime;
    slot: TradedSymbol;
    order: OrderState;
    refused: boolean;
    uow: UnitOfWork;
  },
): boolean {
  const { tenant, slot, order, uow } = options;
  if (!isAutomaticExit(slot, order)) return false;
  if (!options.refused) {
    slot.exitRetry = null;
    return false;
  }
  const now = ctx.clock.now();
  const attempts = (slot.exitRetry?.attempts ?? 0) + 1;
  const reason = (order.rejectReason ?? 'REJECTED_BY_VENUE').slice(0, 200);
  slot.exitRetry = { attempts, notBefore: now + exitBackoffMs(attempts, order.id), reason };
  if (attempts < EXIT_MAX_ATTEMPTS) return true;
  const rt = slot.profile;
  if (rt.blockedReason !== null) return true;
  const p = rt.profile;
  rt.blockedReason = `EXIT_REFUSED ${slot.symbol}: ${reason}`.slice(0, 500);
  uow.profileBlock(p.id, rt.blockedReason);
  uow.alert({
    profileId: p.id,
    severity: 'critical',
    code: EXIT_REFUSED_ALERT,
    message: `profile ${p.name} blocked: the venue refused its ${slot.symbol} exit ${attempts} times (${reason})`,
    key: `exit-refused|${p.id}|${slot.symbol}|${order.id}`,
  });
  uow.auditEvent({
    at: new Date(now).toISOString(),
    actor: { type: 'system', id: ctx.instanceId, tenantId: tenant.id },
    tenantId: tenant.id,
    action: 'profile.blocked',
    target: `profile:${p.id}`,
    before: null,
    after: { blockedReason: rt.blockedReason },
    reason: `exit refused by the venue ${attempts} times: ${reason}`,
    requestId: null,
  });
  return true;
}
