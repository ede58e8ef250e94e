import {
  type Decision,
  type Instrument,
  PAPER_VENUE_TAG,
  type TradingProfile,
  type VenueTag,
} from '@bytelyst/trading-contracts';
import { type Fixed, toNumber } from '../domain/money/fixed.js';
import { type InstrumentSpec, toInstrumentSpec } from '../domain/money/instrument.js';
import { type OrderState, isOpen } from '../domain/orders/order.js';
import { type PositionState, averageEntry, flatPosition } from '../domain/positions/position.js';
import { type RiskLimitsExact, toExactLimits } from '../domain/risk/entry-check.js';
import { createStrategy } from '../domain/strategies/registry.js';
import type { Strategy } from '../domain/strategies/strategy.js';
import { type ModelLookup, tenantModel } from '../domain/strategies/model-strategy.js';
import type { ExecutionClient, ExecutionReport } from '../ports/execution-client.js';
import type { Fence } from '../ports/journal.js';
import type { EngineContext } from './context.js';
import { SerialQueue } from './serial-queue.js';

/** The key of the tenant's built-in paper account in `TenantRuntime.accounts`. */
export const PAPER_ACCOUNT = 'paper';

/** The account a profile's orders go to: its venue account, or the paper book. */
export const accountKeyOf = (profile: TradingProfile): string =>
  profile.venueAccountId ?? PAPER_ACCOUNT;

/** The backoff of a slot's refused automatic exits (exits.ts sets and reads it). */
export interface ExitRetry {
  /** Refusals in a row of this slot's automatic exits. */
  attempts: number;
  /** Clock time before which no automatic exit is sent again. */
  notBefore: number;
  reason: string;
}

/**
 * One symbol a profile trades (its "slot"): the strategy instance, the position and the order in
 * flight.
 */
export interface TradedSymbol {
  readonly symbol: string;
  readonly spec: InstrumentSpec;
  readonly profile: ProfileRuntime;
  readonly strategy: Strategy;
  readonly position: PositionState;
  pending: OrderState | null;
  /** Last close seen, float (indicator space). */
  last: number;
  /** Protective exit levels as floats for the per-candle check; NaN when none. */
  stopFloat: number;
  takeFloat: number;
  /** Position quantity as a float, for the per-candle drawdown watch. */
  qtyFloat: number;
  /**
   * What the last recorded BLOCKED decision was blocked by (intent and reason codes), while the
   * slot has stayed blocked the same way since; null after any other outcome. A repeat of the
   * same block is counted, not recorded again (a halted profile past its stop would otherwise
   * write the same row every candle).
   */
  lastBlock: string | null;
  /** Refusals of this slot's automatic exits in a row, and the backoff they set (exits.ts). */
  exitRetry: ExitRetry | null;
}

export interface ProfileRuntime {
  profile: TradingProfile;
  limits: RiskLimitsExact;
  readonly slots: Map<string, TradedSymbol>;
  /** The same slots as an array, for the per-candle loop (no iterator allocation). */
  slotList: TradedSymbol[];
  /** Positions by symbol (also those of symbols the profile no longer trades). */
  readonly positions: Map<string, PositionState>;
  /** Ledger cash balance. */
  cash: Fixed;
  /** Sum of capital funded through the ledger. */
  funded: Fixed;
  peakEquity: Fixed;
  /** Float copies of exact money for the per-candle path, refreshed whenever money moves. */
  cashFloat: number;
  peakFloat: number;
  drawdownLimitFloat: number;
  dayStart: number;
  dailyNet: Fixed;
  lastLossAt: number | null;
  blockedReason: string | null;
  /** Set when a risk rule halted the profile (max drawdown); cleared by a new profile version. */
  haltedReason: string | null;
  /**
   * Set when its model's live drift watch passed the profile's bound (the figures, for surfaces);
   * held until a new profile version, like a risk halt, so an operator looks before it re-enters.
   */
  modelDrift: string | null;
  lastEquityAt: number;
}

export type TenantStatus = 'starting' | 'reconciling' | 'running' | 'stopped' | 'failed';

/**
 * One venue account the tenant trades through, with its own client (its own keys, its own rate
 * limit). Profiles are sub-accounts of it: each keeps its own books, and the venue sees their sum.
 * Keyed by the venue account id; PAPER_ACCOUNT is the tenant's built-in paper book, which every
 * user's paper account shares (the profiles on it are told apart by their own books, as before
 * venue accounts existed).
 */
export interface AccountRuntime {
  readonly key: string;
  readonly client: ExecutionClient;
  /** The account's venue and label, stamped on every order sent through it. */
  readonly venue: VenueTag;
  unsubscribe: (() => void) | null;
}

export interface TenantRuntime {
  readonly id: string;
  readonly fence: Fence | undefined;
  /** The client of the tenant's paper account (PAPER_ACCOUNT in `accounts`). */
  readonly client: ExecutionClient;
  /** Every account a profile of the tenant trades on, opened at reconciliation (accounts.ts). */
  readonly accounts: Map<string, AccountRuntime>;
  /** Opens the client of an account the tenant does not hold yet (set by the engine). */
  openAccount: ((key: string) => Promise<AccountRuntime>) | null;
  /**
   * Venue accounts that could not be opened or reconciled (keys revoked at the venue, the venue
   * refusing them), with why. Only the profiles on them are blocked; the tenant's other accounts
   * trade on, and the account is tried again every reconcileRetryMs (reconciliation.ts).
   */
  readonly unavailableAccounts: Map<string, string>;
  /**
   * Accounts whose venue did not answer the last call (retryable or fatal errors). Only the
   * profiles on them lose new entries; `exchangeUnreachable` says whether any does (tenant-wide
   * views: the bot state, the venue outage alert).
   */
  readonly unreachableAccounts: Set<string>;
  readonly queue: SerialQueue;
  readonly profiles: Map<string, ProfileRuntime>;
  /** Every order this run knows, by client order id (= order id). */
  readonly orders: Map<string, OrderState>;
  /** Reports pushed by the venue, waiting to be booked inside the queue. */
  readonly inbox: ExecutionReport[];
  status: TenantStatus;
  reconciled: boolean;
  lastReconcileAttempt: number;
  exchangeUnreachable: boolean;
  /** Orders whose submit or cancel outcome is unknown until the venue is asked. */
  readonly unknown: Set<string>;
  failure: string | null;
  lastLoopAt: number | null;
  /** A drain of the inbox is queued (so a burst of reports queues one drain). */
  drainScheduled: boolean;
  /**
   * A step is sending orders and drains the inbox itself once the venue answered, so reports
   * arriving meanwhile queue no separate drain (one per order, in a burst).
   */
  awaitingAnswers: boolean;
  /** A periodic step (periodic-steps.ts: reconcile retry, settle, probe, snapshot) is queued. */
  periodicStepQueued: boolean;
  /** Some profile was halted from inside the loop: its open orders must be cancelled. */
  needsCancelSweep: boolean;
  /** Last time the venue was probed while unreachable. */
  lastProbeAt: number;
  /** Alert keys already raised (so an external order is reported once). */
  readonly alerted: Set<string>;
  /**
   * HOLD decisions waiting to be written (with `persistHoldDecisions`), off the order path; see
   * `flushHolds`. `holdsSince` is the clock time the oldest of them was decided.
   */
  holds: Decision[];
  holdsSince: number;
}

export function createTenantRuntime(options: {
  id: string;
  fence: Fence | undefined;
  client: ExecutionClient;
}): TenantRuntime {
  return {
    id: options.id,
    fence: options.fence,
    client: options.client,
    accounts: new Map([
      [
        PAPER_ACCOUNT,
        { key: PAPER_ACCOUNT, client: options.client, venue: PAPER_VENUE_TAG, unsubscribe: null },
      ],
    ]),
    openAccount: null,
    unavailableAccounts: new Map(),
    unreachableAccounts: new Set(),
    queue: new SerialQueue(),
    profiles: new Map(),
    orders: new Map(),
    inbox: [],
    status: 'starting',
    reconciled: false,
    lastReconcileAttempt: -Infinity,
    exchangeUnreachable: false,
    unknown: new Set(),
    failure: null,
    lastLoopAt: null,
    drainScheduled: false,
    awaitingAnswers: false,
    periodicStepQueued: false,
    needsCancelSweep: false,
    lastProbeAt: -Infinity,
    alerted: new Set(),
    holds: [],
    holdsSince: 0,
  };
}

export function createProfileRuntime(options: {
  profile: TradingProfile;
  instruments: ReadonlyMap<string, Instrument>;
  models: ModelLookup;
  positions?: Map<string, PositionState>;
}): ProfileRuntime {
  const p = options.profile;
  const rt: ProfileRuntime = {
    profile: p,
    limits: toExactLimits(p.risk),
    slots: new Map(),
    slotList: [],
    positions: options.positions ?? new Map<string, PositionState>(),
    cash: 0n,
    funded: 0n,
    peakEquity: 0n,
    cashFloat: 0,
    peakFloat: 0,
    drawdownLimitFloat: Number(p.risk.maxDrawdownPct),
    dayStart: 0,
    dailyNet: 0n,
    lastLossAt: null,
    blockedReason: p.blockedReason,
    haltedReason: null,
    modelDrift: null,
    lastEquityAt: -Infinity,
  };
  rebuildSlots(rt, options.instruments, options.models);
  return rt;
}

/** (Re)creates strategy slots after a profile change; positions are kept. */
export function rebuildSlots(
  rt: ProfileRuntime,
  instruments: ReadonlyMap<string, Instrument>,
  models: ModelLookup,
): void {
  rt.slots.clear();
  rt.slotList = [];
  // A tenant's profiles see its own model versions only.
  const tenantId = rt.profile.tenantId;
  const ownModels: ModelLookup = { model: (v) => tenantModel(models, tenantId, v) };
  for (const symbol of rt.profile.symbols) {
    const instrument = instruments.get(symbol);
    if (!instrument) continue;
    let position = rt.positions.get(symbol);
    if (!position) {
      position = flatPosition({ tenantId: rt.profile.tenantId, profileId: rt.profile.id, symbol });
      rt.positions.set(symbol, position);
    }
    const slot: TradedSymbol = {
      symbol,
      spec: toInstrumentSpec(instrument),
      profile: rt,
      strategy: createStrategy(rt.profile.strategy, ownModels),
      position,
      pending: null,
      last: NaN,
      stopFloat: NaN,
      takeFloat: NaN,
      qtyFloat: toNumber(position.qty),
      lastBlock: null,
      exitRetry: null,
    };
    rt.slots.set(symbol, slot);
    rt.slotList.push(slot);
  }
}

/**
 * Takes a saved profile into the tenant's runtime: a new one gets fresh slots; an existing one
 * keeps its positions and in-flight orders and gets new limits and strategy instances. A new
 * version (an operator's edit) also lifts a risk halt, but not a block (block-resolution.ts).
 */
export function applyProfile(
  ctx: EngineContext,
  options: { tenant: TenantRuntime; profile: TradingProfile },
): ProfileRuntime {
  const { tenant, profile } = options;
  const rt = tenant.profiles.get(profile.id);
  if (!rt) {
    const created = createProfileRuntime({
      profile,
      instruments: ctx.instruments,
      models: ctx.models,
    });
    tenant.profiles.set(profile.id, created);
    return created;
  }
  if (profile.version !== rt.profile.version) {
    rt.haltedReason = null;
    rt.modelDrift = null;
  }
  rt.profile = profile;
  rt.limits = toExactLimits(profile.risk);
  rt.drawdownLimitFloat = Number(profile.risk.maxDrawdownPct);
  // The block is the loop's own state (written to the row with each change); a profile saved
  // elsewhere, or read before the block was committed, never lifts it: only a resolution does.
  rebuildSlots(rt, ctx.instruments, ctx.models);
  for (const order of tenant.orders.values()) {
    const slot = order.profileId === profile.id ? rt.slots.get(order.symbol) : undefined;
    if (slot && isOpen(order)) slot.pending = order;
  }
  refreshFloatCopies(rt);
  return rt;
}

/**
 * Refreshes the float copies the per-candle path reads (cash, peak, each slot's quantity and
 * protective levels) from the exact values, after money moved.
 */
export function refreshFloatCopies(profile: ProfileRuntime): void {
  profile.cashFloat = toNumber(profile.cash);
  profile.peakFloat = toNumber(profile.peakEquity);
  for (const slot of profile.slots.values()) refreshLevels(slot);
}

export function refreshLevels(slot: TradedSymbol): void {
  const pos = slot.position;
  const limits = slot.profile.limits;
  slot.qtyFloat = toNumber(pos.qty);
  if (pos.qty === 0n) {
    slot.stopFloat = NaN;
    slot.takeFloat = NaN;
    return;
  }
  const entry = toNumber(averageEntry(pos));
  const dir = pos.qty > 0n ? 1 : -1;
  slot.stopFloat =
    limits.stopLossPct === null ? NaN : entry * (1 - dir * toNumber(limits.stopLossPct));
  slot.takeFloat =
    limits.takeProfitPct === null ? NaN : entry * (1 + dir * toNumber(limits.takeProfitPct));
}
