import {
  type Actor,
  AppError,
  type BlockFigure,
  type BlockResolution,
  type BlockResolutionAction,
  type Order,
} from '@bytelyst/trading-contracts';
import { adjustPosition } from '../domain/adjustment.js';
import { CONTROL_EFFECTS } from '../domain/controls/controls.js';
import { ledgerTxIdFor } from '../domain/ids.js';
import { type Fixed, abs, formatFixed, parseFixed, sign } from '../domain/money/fixed.js';
import { flatPosition } from '../domain/positions/position.js';
import { isExecutionError } from '../ports/execution-client.js';
import { snapshotEquity } from './profile-books.js';
import type { EngineContext } from './context.js';
import { verdictFor } from './control-verdict.js';
import { flatteningOrder, manualOrder } from './manual-orders.js';
import { lastPrice } from './pre-trade.js';
import { type PositionMismatch, comparePositions, describeMismatch } from './reconcile-plan.js';
import {
  type ProfileRuntime,
  type TenantRuntime,
  accountKeyOf,
  refreshFloatCopies,
} from './runtime.js';
import { clientOfAccount, profilesOnAccount } from './accounts.js';
import { UnitOfWork } from './unit-of-work.js';

export interface ResolveBlockInput {
  readonly profileId: string;
  readonly action: BlockResolutionAction;
  readonly reason: string;
  readonly actor: Actor;
  readonly requestId: string;
}

export type ResolveBlockRequest = ResolveBlockInput & { readonly tenantId: string };

/** The engine's part of a resolution; the API adds the alerts it acknowledged. */
export type BlockResolutionOutcome = Omit<BlockResolution, 'acknowledgedAlerts'>;

/**
 * A decision refused before anything was written or sent: an answer for the caller, not a failed
 * step (which would stop the tenant's loop and restart it through reconciliation).
 */
export interface ResolutionRefused {
  readonly refused: AppError;
}

/** Outside the tenant's queue step: a refusal becomes the caller's error. */
export async function throwRefusal(
  step: Promise<BlockResolutionOutcome | ResolutionRefused>,
): Promise<BlockResolutionOutcome> {
  const r = await step;
  if ('refused' in r) throw r.refused;
  return r;
}

/**
 * Books vs venue now, for the symbols this profile trades or holds: asked of the venue at the
 * moment of the decision (never the figures frozen in the block's text), summed over every
 * profile on the same venue account, because the venue sees their sum.
 */
async function currentMismatches(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; rt: ProfileRuntime },
): Promise<PositionMismatch[]> {
  const key = accountKeyOf(o.rt.profile);
  const venue = new Map<string, Fixed>();
  for (const p of await clientOfAccount(o.tenant, key).fetchPositions())
    venue.set(p.symbol, parseFixed(p.quantity));
  const books = new Map<string, Fixed>();
  for (const rt of profilesOnAccount(o.tenant, key))
    for (const pos of rt.positions.values())
      books.set(pos.symbol, (books.get(pos.symbol) ?? 0n) + pos.qty);
  const all = comparePositions({
    local: books,
    venue,
    tolerance: parseFixed(ctx.config.positionTolerance),
  });
  return all.filter(
    (m) =>
      o.rt.profile.symbols.includes(m.symbol) || (o.rt.positions.get(m.symbol)?.qty ?? 0n) !== 0n,
  );
}

/**
 * Why a flatten cannot be sent, or null: only an exit that shrinks the venue's position (and,
 * after the adjustment, the profile's) is allowed, and only while the controls let exits through.
 */
function flattenRefusal(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; rt: ProfileRuntime; mismatches: readonly PositionMismatch[] },
): string | null {
  const blocking = verdictFor(ctx, o.tenant, o.rt).reasons.filter(
    (r) => r !== 'PROFILE_BLOCKED_RECONCILIATION' && CONTROL_EFFECTS[r].reduce,
  );
  if (blocking.length) return `exits are refused now (${blocking.join(', ')})`;
  for (const m of o.mismatches) {
    const held = (o.rt.positions.get(m.symbol)?.qty ?? 0n) + m.difference;
    const shrinksVenue = sign(m.venue) === sign(m.difference) && abs(m.difference) <= abs(m.venue);
    const shrinksProfile = sign(held) === sign(m.difference) && abs(m.difference) <= abs(held);
    if (!shrinksVenue)
      return `${describeMismatch(m)}: the venue holds less than the books, so flattening would open exposure at the venue; adopt instead`;
    if (!shrinksProfile || !o.rt.slots.has(m.symbol))
      return `${describeMismatch(m)}: the difference cannot be closed as an exit of this profile; adopt instead`;
  }
  return null;
}

/** Moves the profile's books by each difference at the mark (one balanced transaction each). */
function adopt(
  ctx: EngineContext,
  o: {
    rt: ProfileRuntime;
    mismatches: readonly PositionMismatch[];
    input: ResolveBlockInput;
    uow: UnitOfWork;
  },
): { figures: BlockFigure[]; transactionIds: string[] } {
  const { rt, uow } = o;
  const now = ctx.clock.now();
  const figures: BlockFigure[] = [];
  const transactionIds: string[] = [];
  for (const m of o.mismatches) {
    let position = rt.positions.get(m.symbol);
    if (!position) {
      position = flatPosition({
        tenantId: rt.profile.tenantId,
        profileId: rt.profile.id,
        symbol: m.symbol,
      });
      rt.positions.set(m.symbol, position);
    }
    const price = priceFor(rt, m.symbol);
    if (price === null) throw new AppError('INTERNAL', `no price for ${m.symbol}`);
    const transactionId = ledgerTxIdFor(
      'adjust',
      `${rt.profile.id}|${o.input.requestId}|${m.symbol}`,
    );
    const a = adjustPosition({
      position,
      quantity: m.difference,
      price,
      at: now,
      transactionId,
      currency: ctx.config.quoteCurrency,
      memo: `${o.input.action}: books to the venue's position`,
      strategy: rt.profile.strategy.strategy,
    });
    uow.ledgerEntries(a.ledgerEntries);
    uow.position(position);
    if (a.trade) uow.trade(a.trade);
    rt.cash += a.cashDelta;
    transactionIds.push(transactionId);
    figures.push(figureOf(m, price));
  }
  return { figures, transactionIds };
}

/** The mark an adjustment is priced at: the last close, else the position's last mark. */
function priceFor(rt: ProfileRuntime, symbol: string): Fixed | null {
  const slot = rt.slots.get(symbol);
  const price = (slot ? lastPrice(slot) : null) ?? rt.positions.get(symbol)?.mark ?? null;
  return price !== null && price > 0n ? price : null;
}

const figureOf = (m: PositionMismatch, price: Fixed | null): BlockFigure => ({
  symbol: m.symbol,
  books: formatFixed(m.local),
  venue: formatFixed(m.venue),
  difference: formatFixed(m.difference),
  price: price === null ? null : formatFixed(price),
});

/**
 * An operator's decision on a blocked profile (contracts: BlockResolutionAction), run in the
 * tenant's queue on the instance that owns its loop. `adopt` and `flatten` first make the books
 * equal the venue with an adjusting entry and lift the block in ONE commit with the audit row;
 * `flatten` then closes the adopted difference with a reduce-only market exit through the normal
 * order path (pre-trade gate included), so the venue ends where the books were. A flatten exit
 * that does not go through (denied, or refused by the venue) blocks the profile again, saying so.
 */
export async function resolveBlock(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; input: ResolveBlockInput },
): Promise<BlockResolutionOutcome | ResolutionRefused> {
  const { tenant, input } = o;
  const refuse = (...a: ConstructorParameters<typeof AppError>) => ({
    refused: new AppError(...a),
  });
  const rt = tenant.profiles.get(input.profileId);
  if (!rt) return refuse('NOT_FOUND', 'No such profile.');
  if (!tenant.reconciled)
    return refuse(
      'NOT_READY',
      'Reconciliation has not succeeded yet; the venue must answer first.',
    );
  const before = rt.blockedReason;
  if (before === null) return refuse('CONFLICT', 'The profile is not blocked.');
  let mismatches: PositionMismatch[];
  try {
    mismatches = await currentMismatches(ctx, { tenant, rt });
  } catch (e) {
    if (!isExecutionError(e)) throw e;
    return refuse('EXCHANGE_UNAVAILABLE', 'The venue did not answer; nothing was changed.');
  }
  if (input.action === 'flatten') {
    const refusal = flattenRefusal(ctx, { tenant, rt, mismatches });
    if (refusal) return refuse('UNPROCESSABLE', `Cannot flatten: ${refusal}.`);
  }
  if (input.action !== 'keep_blocked') {
    const unpriced = mismatches.find((m) => priceFor(rt, m.symbol) === null);
    if (unpriced)
      return refuse('NOT_READY', `No market price for ${unpriced.symbol} yet; try again shortly.`);
  }
  const uow = new UnitOfWork(ctx, tenant);
  let figures = mismatches.map((m) => figureOf(m, null));
  let transactionIds: string[] = [];
  const exits = input.action === 'flatten' ? mismatches : [];
  if (input.action !== 'keep_blocked') {
    ({ figures, transactionIds } = adopt(ctx, { rt, mismatches, input, uow }));
    rt.blockedReason = null;
    uow.profileBlock(rt.profile.id, null);
    snapshotEquity(ctx, rt, uow);
    refreshFloatCopies(rt);
  }
  const orderKeys = exits.map((m) => `resolve|${input.requestId}|${m.symbol}`);
  uow.auditEvent({
    at: new Date(ctx.clock.now()).toISOString(),
    actor: input.actor,
    tenantId: tenant.id,
    action: 'profile.resolve',
    target: `profile:${rt.profile.id}`,
    before: { blockedReason: before },
    after: {
      action: input.action,
      blocked: rt.blockedReason !== null,
      figures,
      ledgerTransactionIds: transactionIds,
      ...(exits.length ? { exitOrderKeys: orderKeys } : {}),
    },
    reason: input.reason,
    requestId: input.requestId,
  });
  await uow.commit();
  const orders: Order[] = [];
  for (const [i, m] of exits.entries()) {
    const r = await manualOrder(ctx, {
      tenant,
      userId: input.actor.id,
      body: flatteningOrder(rt.profile.id, m.symbol, m.difference),
      requestId: input.requestId,
      orderKey: orderKeys[i],
      origin: 'close',
      reason: `flatten the venue's extra ${m.symbol} (block resolution)`,
    });
    if (r.kind === 'placed') orders.push(r.order);
    const failed =
      r.kind === 'denied'
        ? r.reasons.join(', ')
        : r.order.status === 'REJECTED'
          ? 'venue refused'
          : null;
    if (failed !== null) await reblock(ctx, { tenant, rt, text: `${m.symbol}: ${failed}` });
  }
  return {
    profileId: rt.profile.id,
    action: input.action,
    blockedReasonBefore: before,
    blocked: rt.blockedReason !== null,
    blockedReason: rt.blockedReason,
    figures,
    ledgerTransactionIds: transactionIds,
    orders,
  };
}

/** A flatten whose exit did not go out: the books match the venue, but the operator must look. */
async function reblock(
  ctx: EngineContext,
  o: { tenant: TenantRuntime; rt: ProfileRuntime; text: string },
): Promise<void> {
  const uow = new UnitOfWork(ctx, o.tenant);
  o.rt.blockedReason = `FLATTEN_NOT_SENT ${o.text} (books adopted the venue's position)`.slice(
    0,
    500,
  );
  uow.profileBlock(o.rt.profile.id, o.rt.blockedReason);
  await uow.commit();
}
