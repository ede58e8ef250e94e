import type {
  Actor,
  BacktestJob,
  BacktestStatus,
  AuditAction,
  AuditEvent,
  ControlScope,
  Decision,
  DecisionAction,
  DynamicConfigEntry,
  DynamicConfigKey,
  EquitySnapshot,
  LedgerEntry,
  Order,
  OrderStatus,
  Page,
  Position,
  ProfileSummary,
  StrategyCluster,
  Timeframe,
  LedgerAccount,
  Trade,
  TradingControl,
  TradingMode,
  TradingProfile,
  RiskLimits,
  StrategyConfig,
} from '@bytelyst/trading-contracts';
import type {
  MobileAction,
  MobilePolicy,
  PromotionPolicy,
  PromotionPolicyFields,
  RampUp,
} from '@bytelyst/trading-contracts';
import type { AlertStore } from './alert-store.js';
import type { DeliveryStore, NotificationStore } from './notification-store.js';
import type { PageInput, TenantScope } from './scope.js';

export { tenantScope, type PageInput, type TenantScope } from './scope.js';
export type {
  AlertChange,
  AlertsFilter,
  AlertStore,
  NewAlert,
  RaisedAlert,
} from './alert-store.js';
import type { ChangeTopic } from './change-bus.js';
import type { TradingJournal } from './journal.js';

/**
 * The repository API the HTTP layer and the composition root use. Every method that reads or
 * writes a tenant's rows takes a `TenantScope` as its FIRST argument, so a query without a tenant
 * does not compile. The only cross-tenant reads live in `AdminStore`, reached through
 * `store.admin`, which the API hands to admin routes only.
 *
 * Amounts are the contracts' decimal strings end to end (NUMERIC in SQL); no JS number ever holds
 * a price, quantity or balance. Failures throw `AppError`: NOT_FOUND, VERSION_CONFLICT (stale
 * `expectedVersion`), CONFLICT (unique violation, fenced journal commit), IDEMPOTENCY_CONFLICT.
 */
export type StoreDriverKind = 'pglite' | 'postgres';

export interface Tenant {
  id: string;
  name: string;
  disabled: boolean;
  createdAt: string;
}

export interface OrdersFilter extends PageInput {
  profileId?: string | undefined;
  symbol?: string | undefined;
  status?: OrderStatus | undefined;
}
export interface HistoryFilter extends PageInput {
  profileId?: string | undefined;
  symbol?: string | undefined;
}
export interface DecisionsFilter extends HistoryFilter {
  action?: DecisionAction | undefined;
}
export interface ProfileFilter extends PageInput {
  profileId?: string | undefined;
}
/** A time range of one profile or several (null = every profile), capped at `limit` rows. */
export interface RangeFilter {
  profileId?: string | undefined;
  onlyProfiles?: readonly string[] | null | undefined;
  /** ISO timestamps, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}
/** One account's balance of one profile (debits positive, as stored). */
export interface BalanceRow {
  profileId: string;
  account: LedgerAccount;
  balance: string;
}
export interface LedgerBucketRow {
  profileId: string;
  account: LedgerAccount;
  /** Epoch ms of the 15-minute bucket's start. */
  at: number;
  amount: string;
}
export interface EquityRow {
  profileId: string;
  /** Epoch ms. */
  at: number;
  equity: string;
}
export interface AuditFilter extends PageInput {
  action?: AuditAction | undefined;
}

export interface NewProfile {
  /** Optional so callers (seeding, tests) can choose stable ids; minted otherwise. */
  id?: string | undefined;
  userId: string;
  name: string;
  symbols: string[];
  timeframe: Timeframe;
  strategy: StrategyConfig;
  capitalAllocation: string;
  risk: RiskLimits;
  enabled: boolean;
  mode?: TradingMode | undefined;
  /** null or omitted: the owner's paper account. */
  venueAccountId?: string | null | undefined;
}

export interface ProfilePatch {
  name?: string | undefined;
  symbols?: string[] | undefined;
  timeframe?: Timeframe | undefined;
  strategy?: StrategyConfig | undefined;
  capitalAllocation?: string | undefined;
  risk?: RiskLimits | undefined;
  enabled?: boolean | undefined;
  mode?: TradingMode | undefined;
  /** null clears a reconciliation block. */
  blockedReason?: string | null | undefined;
  /** null: back to the owner's paper account. */
  venueAccountId?: string | null | undefined;
  /** Set by a promotion to a live account; null clears it (back to paper). */
  rampUp?: RampUp | null | undefined;
}

export interface UpdateProfileInput {
  id: string;
  /** The version the caller saw; a different stored version throws VERSION_CONFLICT. */
  expectedVersion: number;
  patch: ProfilePatch;
}

/** Before/after of a versioned change, so the caller can audit it. */
export interface Change<T> {
  before: T | null;
  after: T;
}

export interface ListProfilesOptions {
  userId?: string | undefined;
  enabled?: boolean | undefined;
}

export interface SetControlInput {
  scope: Exclude<ControlScope, 'product'>;
  /** null for global; the tenant or profile id otherwise. */
  targetId: string | null;
  /** Owning tenant for tenant/profile scope; null for global. */
  tenantId: string | null;
  mode: TradingMode;
  reason: string;
  actor: Actor;
  requestId: string | null;
  /** When given, a different stored version throws VERSION_CONFLICT (0 = "not set yet"). */
  expectedVersion?: number | undefined;
}

export interface PutConfigInput {
  key: DynamicConfigKey;
  value: DynamicConfigEntry['value'];
  /** 0 = the key has never been written. Anything else stale throws VERSION_CONFLICT. */
  expectedVersion: number;
  actor: Actor;
}

export interface NewAuditEvent {
  actor: Actor;
  tenantId: string | null;
  action: AuditAction;
  target: string;
  before?: AuditEvent['before'] | undefined;
  after?: AuditEvent['after'] | undefined;
  reason?: string | null | undefined;
  requestId?: string | null | undefined;
  /** Defaults to now; tests pass a fixed time. */
  at?: string | undefined;
}

export type AuditVerifyResult =
  | { ok: true; checked: number; headSeq: number }
  | {
      ok: false;
      checked: number;
      /** The first row whose link or hash does not match. */
      brokenAt: { seq: number; id: string };
      problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'head_mismatch';
    };

export interface ClaimIdempotencyInput {
  userId: string;
  key: string;
  /** sha256 of method + path + canonical body; a different hash for the same key is refused. */
  requestHash: string;
  /** A claim older than this that never completed (crashed handler) may be taken over. */
  staleAfterMs?: number | undefined;
}
export type IdempotencyClaim =
  | { status: 'claimed' }
  | { status: 'in_progress' }
  | { status: 'completed'; responseStatus: number; responseBody: unknown };

export interface CompleteIdempotencyInput {
  userId: string;
  key: string;
  responseStatus: number;
  responseBody: unknown;
}

export interface HealthCheckResult {
  ok: boolean;
  driver: StoreDriverKind;
  schemaVersion: number;
  error?: string | undefined;
}

export interface MigrationResult {
  applied: string[];
  current: number;
  /** Migrations in the database that this (older) build does not know, each marked safe for it. */
  newer?: string[];
}

export interface TenantStore {
  ensureTenant(input: { id: string; name: string }): Promise<Tenant>;
  getTenant(tenantId: string): Promise<Tenant | null>;
  /** Every tenant: the composition root starts one loop per enabled tenant. */
  listTenants(): Promise<Tenant[]>;
  setTenantDisabled(input: { tenantId: string; disabled: boolean }): Promise<Tenant>;
  /** The tenant's approved mobile interventions; the default policy when none was set. */
  getMobilePolicy(scope: TenantScope): Promise<MobilePolicy>;
  putMobilePolicy(
    scope: TenantScope,
    input: { allowed: readonly MobileAction[]; by: string },
  ): Promise<{ before: MobilePolicy; after: MobilePolicy }>;
  /** The tenant's paper-to-live promotion policy; the default policy when none was set. */
  getPromotionPolicy(scope: TenantScope): Promise<PromotionPolicy>;
  putPromotionPolicy(
    scope: TenantScope,
    input: { policy: PromotionPolicyFields; by: string },
  ): Promise<{ before: PromotionPolicy; after: PromotionPolicy }>;
}

export interface ProfileStore {
  createProfile(scope: TenantScope, input: NewProfile): Promise<TradingProfile>;
  getProfile(scope: TenantScope, id: string): Promise<TradingProfile | null>;
  listProfiles(scope: TenantScope, options?: ListProfilesOptions): Promise<TradingProfile[]>;
  /** Profiles with equity and PnL from positions and the latest equity snapshot. */
  listProfileSummaries(
    scope: TenantScope,
    options?: ListProfilesOptions,
  ): Promise<ProfileSummary[]>;
  updateProfile(scope: TenantScope, input: UpdateProfileInput): Promise<Change<TradingProfile>>;
  setProfileEnabled(
    scope: TenantScope,
    input: { id: string; enabled: boolean; expectedVersion?: number | undefined },
  ): Promise<Change<TradingProfile>>;
  deleteProfile(
    scope: TenantScope,
    input: { id: string; expectedVersion?: number | undefined },
  ): Promise<TradingProfile>;
}

export interface TradingReadStore {
  getOrder(scope: TenantScope, id: string): Promise<Order | null>;
  getOrderByClientId(scope: TenantScope, clientOrderId: string): Promise<Order | null>;
  listOrders(scope: TenantScope, filter?: OrdersFilter): Promise<Page<Order>>;
  listTrades(scope: TenantScope, filter?: HistoryFilter): Promise<Page<Trade>>;
  listDecisions(scope: TenantScope, filter?: DecisionsFilter): Promise<Page<Decision>>;
  getDecision(scope: TenantScope, id: string): Promise<Decision | null>;
  listLedger(scope: TenantScope, filter?: ProfileFilter): Promise<Page<LedgerEntry>>;
  /** Newest first; `since` (ISO, exclusive) keeps only snapshots after it (incremental reads). */
  listEquity(
    scope: TenantScope,
    filter?: ProfileFilter & { since?: string | undefined },
  ): Promise<Page<EquitySnapshot>>;
  listPositions(
    scope: TenantScope,
    options?: { profileId?: string | undefined; openOnly?: boolean | undefined },
  ): Promise<Position[]>;
  /** Prunes HOLD decisions older than `before` (ISO); returns how many went. */
  pruneHoldDecisions(input: { before: string; tenantId?: string | undefined }): Promise<number>;
  /** Every account's balance per profile: what the books are valued from. */
  ledgerBalances(
    scope: TenantScope,
    options?: { onlyProfiles?: readonly string[] | null | undefined },
  ): Promise<BalanceRow[]>;
  /** Equity snapshots in a range, oldest first. */
  equityRange(scope: TenantScope, filter: RangeFilter): Promise<EquityRow[]>;
  /** Trades closed in a range, oldest first. */
  tradesRange(scope: TenantScope, filter: RangeFilter): Promise<Trade[]>;
  /** Realised PnL and fee bookings per profile and 15-minute bucket, oldest first. */
  ledgerBuckets(scope: TenantScope, filter: RangeFilter): Promise<LedgerBucketRow[]>;
}

export interface ControlStore {
  /** Global controls plus, when a tenant is given, that tenant's and its profiles' controls. */
  listControls(scope: TenantScope | null): Promise<TradingControl[]>;
  setControl(input: SetControlInput): Promise<Change<TradingControl>>;
}

/**
 * Change notifications carried by the database itself, so the store that holds a change is also
 * what announces it: a notification sent inside a transaction is delivered only if it commits.
 */
export interface ChangeFeedStore {
  /** Announces that `topic` changed; inside `withTransaction`, on commit only. */
  notifyChange(topic: ChangeTopic): Promise<void>;
  /**
   * Hears every instance's `notifyChange`. `onGap` fires after the listening connection was lost
   * and reopened (notifications in between are gone: reload).
   */
  listenChanges(
    onTopic: (topic: ChangeTopic) => void,
    onGap?: () => void,
  ): Promise<() => Promise<void>>;
  /** Changes whenever any trading control or any tenant's disabled flag changes. */
  controlsFingerprint(): Promise<string>;
}

/** The last good key set of a token issuer (public keys), kept across restarts. */
export interface StoredJwks {
  url: string;
  jwks: { keys: Record<string, unknown>[] };
  fetchedAt: string;
}
export interface KeyCacheStore {
  loadJwks(url: string): Promise<StoredJwks | null>;
  saveJwks(input: StoredJwks): Promise<void>;
}

/** A command for a tenant's loop (loop_commands): see api/routing/command-relay.ts. */
export interface LoopCommand {
  tenantId: string;
  id: string;
  kind: 'trade' | 'close' | 'cancel' | 'resolve';
  payload: Record<string, unknown>;
  deadlineAt: string;
  status: 'pending' | 'running' | 'done' | 'expired';
  result: Record<string, unknown> | null;
  claimedBy: string | null;
}
export interface LoopCommandStore {
  /** Inserts the command (or finds the one with its id) and notifies 'commands' on commit. */
  submitCommand(
    scope: TenantScope,
    input: Pick<LoopCommand, 'id' | 'kind' | 'payload' | 'deadlineAt'>,
  ): Promise<LoopCommand>;
  getCommand(scope: TenantScope, id: string): Promise<LoopCommand | null>;
  /**
   * Takes the pending commands of `tenantIds` (and running ones another instance left behind
   * for longer than `staleRunningMs`) for `instanceId`; the ones past their deadline come back
   * `expired` and are never executed.
   */
  claimCommands(input: {
    tenantIds: readonly string[];
    instanceId: string;
    staleRunningMs: number;
  }): Promise<LoopCommand[]>;
  /** Settles a claimed command; `expired` only from pending. Notifies 'commands' on commit. */
  finishCommand(
    scope: TenantScope,
    input: { id: string; status: 'done' | 'expired'; result: Record<string, unknown> | null },
  ): Promise<LoopCommand | null>;
  /** Enabled tenants with no loop lease heartbeat within `freshMs`: no instance can serve them. */
  tenantsWithoutLoop(freshMs: number): Promise<string[]>;
}

export interface DynamicConfigStore {
  listConfig(): Promise<DynamicConfigEntry[]>;
  getConfig(key: DynamicConfigKey): Promise<DynamicConfigEntry | null>;
  putConfig(input: PutConfigInput): Promise<Change<DynamicConfigEntry>>;
}

export interface AuditStore {
  /** Appends one row to the hash chain; writes are serialised so the chain never forks. */
  appendAudit(input: NewAuditEvent): Promise<AuditEvent>;
  /** A tenant's own audit rows, newest first. */
  listAudit(scope: TenantScope, filter?: AuditFilter): Promise<Page<AuditEvent>>;
  verifyAudit(): Promise<AuditVerifyResult>;
}

export interface IdempotencyStore {
  /**
   * Claim-then-complete: the first caller gets `claimed` and must later `complete` (or
   * `release` on failure); a concurrent caller gets `in_progress`; a later caller gets the stored
   * response. The same key with another request hash throws IDEMPOTENCY_CONFLICT.
   */
  claimIdempotencyKey(scope: TenantScope, input: ClaimIdempotencyInput): Promise<IdempotencyClaim>;
  completeIdempotencyKey(scope: TenantScope, input: CompleteIdempotencyInput): Promise<void>;
  /** Forget an unfinished claim (handler failed before any effect) so a retry may run. */
  releaseIdempotencyKey(scope: TenantScope, input: { userId: string; key: string }): Promise<void>;
  pruneIdempotencyKeys(input: { before: string }): Promise<number>;
}

/** The contract's statuses a job ends in. */
export type FinishedBacktestStatus = Exclude<BacktestStatus, 'queued' | 'running'>;

/** What a finished run produced (the job's result columns). */
export type BacktestResultParts = Pick<
  BacktestJob,
  'summary' | 'equityCurve' | 'trades' | 'prices'
>;

export interface BacktestJobStore {
  /**
   * Stores a queued job run by `instanceId`, unless its user already has `maxActive` jobs queued
   * or running (RATE_LIMITED); the user's finished jobs beyond the newest `keep` are forgotten.
   */
  insertBacktest(
    scope: TenantScope,
    input: { job: BacktestJob; instanceId: string; maxActive: number; keep: number },
  ): Promise<void>;
  getBacktest(
    scope: TenantScope,
    input: { userId: string; id: string },
  ): Promise<BacktestJob | null>;
  /** The user's jobs, newest first. */
  listBacktests(
    scope: TenantScope,
    input: { userId: string; limit: number },
  ): Promise<BacktestJob[]>;
  /** queued -> running; false when the job is no longer queued (cancelled meanwhile). */
  startBacktest(scope: TenantScope, input: { id: string; at: string }): Promise<boolean>;
  /** Records a running job's progress; answers whether someone asked to cancel it. */
  progressBacktest(
    scope: TenantScope,
    input: { id: string; progress: number; at: string },
  ): Promise<{ cancelRequested: boolean }>;
  /** Ends a queued or running job (a job already finished keeps its outcome). */
  finishBacktest(
    scope: TenantScope,
    input: {
      id: string;
      at: string;
      status: FinishedBacktestStatus;
      error: string | null;
      result: BacktestResultParts | null;
    },
  ): Promise<void>;
  /**
   * A queued job is cancelled at once; a running one is marked for its instance to stop. A
   * finished job comes back unchanged. Null when the user has no such job.
   */
  cancelBacktest(
    scope: TenantScope,
    input: { userId: string; id: string; at: string },
  ): Promise<BacktestJob | null>;
  /**
   * The instance is alive and still has these jobs queued or running: refreshes their `heard_at`
   * (a row it lost track of is left to go stale).
   */
  heartbeatBacktests(input: {
    instanceId: string;
    ids: readonly string[];
    at: string;
  }): Promise<void>;
  /**
   * Fails every queued or running job not heard of since `before`, and those of the instance
   * `alsoOf` (at its start: a restarted instance runs none of its old jobs). Returns how many.
   */
  failStaleBacktests(input: {
    before: string;
    at: string;
    alsoOf: string | null;
    error: string;
  }): Promise<number>;
}

/** Cross-tenant reads for admin routes only. */
export interface AdminStore {
  /** Profiles grouped by strategy and symbol with aggregate PnL across tenants. */
  strategyClusters(): Promise<StrategyCluster[]>;
  listAudit(filter?: AuditFilter & { tenantId?: string | undefined }): Promise<Page<AuditEvent>>;
  countProfiles(): Promise<{ total: number; enabled: number }>;
  /** Decisions of every tenant, newest first, one keyset page (the operator's signal feed). */
  listDecisionsAcrossTenants(filter?: DecisionsFilter): Promise<Page<Decision>>;
  /** Entry orders (not reduce-only) of every tenant, newest first, one keyset page. */
  listEntriesAcrossTenants(filter?: OrdersFilter): Promise<Page<Order>>;
}

export interface Store
  extends
    TenantStore,
    ProfileStore,
    TradingReadStore,
    AlertStore,
    ControlStore,
    ChangeFeedStore,
    KeyCacheStore,
    LoopCommandStore,
    DynamicConfigStore,
    AuditStore,
    IdempotencyStore,
    BacktestJobStore {
  readonly driver: StoreDriverKind;
  readonly admin: AdminStore;
  /** Users' notification settings and channels, and the alert delivery outbox. */
  readonly notifications: NotificationStore & DeliveryStore;
  /** The engine's persistence port over the same database (one transaction per batch). */
  readonly journal: TradingJournal;
  /** Runs fn in one transaction; the store passed to fn is bound to it. Nested calls join. */
  withTransaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  migrate(): Promise<MigrationResult>;
  healthCheck(): Promise<HealthCheckResult>;
  /** Safe to call twice. */
  close(): Promise<void>;
}
