import type {
  Actor,
  Alert,
  AuditAction,
  Decision,
  EquitySnapshot,
  Fill,
  LedgerAccount,
  LedgerEntry,
  Order,
  Position,
  Trade,
  TradingProfile,
} from '@bytelyst/trading-contracts';

/** An audit row before the store numbers and hash-chains it (seq, prevHash, hash, id). */
export interface AuditEventDraft {
  readonly at: string;
  readonly actor: Actor;
  readonly tenantId: string | null;
  readonly action: AuditAction;
  readonly target: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
  readonly requestId: string | null;
}

/** Proves this instance still owns the tenant's trading loop (DESIGN §7). */
export interface Fence {
  readonly instanceId: string;
  readonly epoch: number;
}

/**
 * A position as the journal keeps it: the contract row plus its exact cost basis (signed like the
 * quantity), which the average entry price cannot carry exactly (cost / quantity is rounded to
 * 18 places). Absent or null (rows written before the column existed, test fixtures): the cost is
 * rebuilt from the average.
 */
export type StoredPosition = Omit<Position, 'costBasis'> & { readonly costBasis?: string | null };

/**
 * Everything one step of the engine persists, written in ONE transaction. Orders and positions
 * are upserts (orders by id, positions by (tenantId, profileId, symbol)); everything else is
 * insert-only. Fills are unique by (orderId, exchangeTradeId): a second insert of the same key
 * must be ignored, never applied twice. Ledger entries of one transactionId sum to exactly zero.
 */
export interface JournalBatch {
  readonly tenantId: string;
  /** When given, the store verifies the lease in the same transaction, else throws AppError('CONFLICT', 'fenced'). */
  readonly fence?: Fence;
  readonly orders: readonly Order[];
  readonly fills: readonly Fill[];
  readonly ledgerEntries: readonly LedgerEntry[];
  readonly decisions: readonly Decision[];
  readonly positions: readonly StoredPosition[];
  readonly trades: readonly Trade[];
  readonly equitySnapshots: readonly EquitySnapshot[];
  readonly alerts: readonly Alert[];
  readonly auditEvents?: readonly AuditEventDraft[];
  /**
   * A profile's block set or lifted (`blockedReason` null) by the loop that owns its tenant,
   * written to the profile row in the same transaction, so a block survives a restart and every
   * instance reads it; only the block resolution (an operator's decision) lifts one.
   */
  readonly profileBlocks?: readonly ProfileBlock[];
}

export interface ProfileBlock {
  readonly profileId: string;
  readonly blockedReason: string | null;
}

export interface LedgerBalance {
  readonly profileId: string;
  readonly account: LedgerAccount;
  readonly currency: string;
  /** Sum of the account's entries (debits positive). */
  readonly balance: string;
}

export interface ProfileEquityState {
  readonly profileId: string;
  readonly last: EquitySnapshot | null;
  /** Highest equity ever snapshotted for the profile, null if none. */
  readonly peakEquity: string | null;
}

/** What recovery needs to resume a tenant after a restart. */
export interface JournalSnapshot {
  readonly profiles: readonly TradingProfile[];
  /** Orders in NEW, SUBMITTED or PARTIALLY_FILLED, or with outcomeUnknown = true. */
  readonly openOrders: readonly Order[];
  /** Every fill already booked for the orders in `openOrders`. */
  readonly fillsOfOpenOrders: readonly Fill[];
  /** Every stored position row of the tenant (flat ones included). */
  readonly positions: readonly StoredPosition[];
  readonly ledgerBalances: readonly LedgerBalance[];
  readonly equity: readonly ProfileEquityState[];
  /** Trades closed at or after `LoadOptions.tradesSince` (for daily loss and cooldown). */
  readonly recentTrades: readonly Trade[];
  /**
   * Unresolved model-drift alerts (id and message): the durable record of a drift trip, written
   * in the commit of the step that tripped. A profile whose current version tripped stays
   * reduce-only after a restart until it is saved again or the alert is resolved.
   */
  readonly modelDriftAlerts: readonly { id: string; message: string }[];
}

export interface LoadOptions {
  /** ms epoch; default: start of the current UTC day by the caller's clock. */
  readonly tradesSince: number;
}

export interface TradingJournal {
  commit(batch: JournalBatch): Promise<void>;
  load(tenantId: string, options: LoadOptions): Promise<JournalSnapshot>;
  /** One order by client order id with its booked fills, or null. Used for late fill reports. */
  findOrder(
    tenantId: string,
    clientOrderId: string,
  ): Promise<{ order: Order; fills: readonly Fill[] } | null>;
  /** True only for a journal that keeps nothing (backtests with persistence off). */
  readonly discardsWrites?: boolean;
  /** Deletes HOLD decisions older than `before` (ms epoch); returns how many went. Optional. */
  pruneHoldDecisions?(before: number): Promise<number>;
}
