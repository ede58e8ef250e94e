import type {
  DynamicConfigKey,
  MobileAction,
  PromotionPolicyFields,
} from '@bytelyst/trading-contracts';
import type { DeliveryStore, NotificationStore } from '../../ports/notification-store.js';
import type { TradingJournal } from '../../ports/journal.js';
import type {
  AdminStore,
  AlertChange,
  AlertsFilter,
  AuditFilter,
  ClaimIdempotencyInput,
  CompleteIdempotencyInput,
  DecisionsFilter,
  HealthCheckResult,
  HistoryFilter,
  ListProfilesOptions,
  MigrationResult,
  NewAlert,
  RaisedAlert,
  NewAuditEvent,
  NewProfile,
  OrdersFilter,
  ProfileFilter,
  RangeFilter,
  PutConfigInput,
  SetControlInput,
  Store,
  StoredJwks,
  LoopCommand,
  StoreDriverKind,
  TenantScope,
  BacktestJobStore,
  UpdateProfileInput,
} from '../../ports/store.js';
import { CHANGE_TOPICS, type ChangeTopic } from '../../ports/change-bus.js';
import type { SqlDriver, SqlExecutor } from './driver.js';
import { changeChannel } from './sql.js';
import { iso, json, jsonParam } from './row.js';
import { SqlTradingJournal } from './journal.js';
import { currentSchemaVersion, runMigrations } from './migrate.js';
import {
  countProfiles,
  listDecisionsAcrossTenants,
  listEntriesAcrossTenants,
  strategyClusters,
} from './repo-admin.js';
import * as alerts from './repo-alerts.js';
import * as audit from './repo-audit.js';
import { sqlNotifications } from './sql-notifications.js';
import { getMobilePolicy, putMobilePolicy } from './repo-mobile-policy.js';
import { getPromotionPolicy, putPromotionPolicy } from './repo-promotion-policy.js';
import * as commands from './repo-commands.js';
import * as controls from './repo-controls.js';
import * as backtests from './repo-backtests.js';
import * as idem from './repo-idempotency.js';
import * as profiles from './repo-profiles.js';
import * as trading from './repo-trading.js';
import * as books from './repo-books.js';

export interface SqlStoreOptions {
  driver: SqlDriver;
  /** Injected so tests control timestamps; defaults to the wall clock. */
  now?: (() => Date) | undefined;
}

/**
 * The one Store implementation; PGlite and PostgreSQL differ only in the driver underneath.
 * A transaction-bound instance (from `withTransaction`) shares the driver and runs every call on
 * the open transaction; nested `withTransaction` calls join it.
 */
export class SqlStore implements Store {
  readonly driver: StoreDriverKind;
  readonly admin: AdminStore;
  readonly journal: TradingJournal;
  readonly notifications: NotificationStore & DeliveryStore;
  /** The raw driver, for adapters in this folder (lease manager, benchmarks); not on `Store`. */
  readonly sql: SqlDriver;
  private readonly db: SqlExecutor;
  private readonly inTransaction: boolean;
  private readonly clock: () => Date;
  private closed = false;

  constructor(options: SqlStoreOptions, tx?: SqlExecutor) {
    this.sql = options.driver;
    this.driver = options.driver.kind;
    this.db = tx ?? options.driver;
    this.inTransaction = tx !== undefined;
    this.clock = options.now ?? (() => new Date());
    this.journal = new SqlTradingJournal(options.driver, this.clock);
    this.notifications = sqlNotifications({
      db: this.db,
      atomic: (fn) => this.atomic(fn),
      now: () => this.now(),
    });
    this.admin = {
      strategyClusters: () => strategyClusters(this.db),
      listAudit: (filter = {}) => audit.listAudit(this.db, filter),
      countProfiles: () => countProfiles(this.db),
      listDecisionsAcrossTenants: (filter) => listDecisionsAcrossTenants(this.db, filter),
      listEntriesAcrossTenants: (filter) => listEntriesAcrossTenants(this.db, filter),
    };
  }

  private now(): string {
    return this.clock().toISOString();
  }

  /** Runs fn atomically: on this store's transaction if there is one, else in a new one. */
  private atomic<T>(fn: (db: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inTransaction ? fn(this.db) : this.sql.transaction(fn);
  }

  withTransaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.sql.transaction((tx) =>
      fn(new SqlStore({ driver: this.sql, now: this.clock }, tx)),
    );
  }

  migrate(): Promise<MigrationResult> {
    return runMigrations(this.sql);
  }

  async healthCheck(): Promise<HealthCheckResult> {
    try {
      return { ok: true, driver: this.driver, schemaVersion: await currentSchemaVersion(this.db) };
    } catch (error) {
      const message = error instanceof Error ? error.message : 'unknown';
      return { ok: false, driver: this.driver, schemaVersion: 0, error: message };
    }
  }

  async close(): Promise<void> {
    if (this.closed || this.inTransaction) return;
    this.closed = true;
    await this.sql.close();
  }

  // Tenants
  ensureTenant(input: { id: string; name: string }) {
    return profiles.ensureTenant(this.db, input);
  }
  getMobilePolicy(scope: TenantScope) {
    return getMobilePolicy(this.db, scope);
  }

  putMobilePolicy(scope: TenantScope, input: { allowed: readonly MobileAction[]; by: string }) {
    return putMobilePolicy(this.db, scope, { ...input, now: this.now() });
  }

  getPromotionPolicy(scope: TenantScope) {
    return getPromotionPolicy(this.db, scope);
  }

  putPromotionPolicy(scope: TenantScope, input: { policy: PromotionPolicyFields; by: string }) {
    return putPromotionPolicy(this.db, scope, { ...input, now: this.now() });
  }

  getTenant(tenantId: string) {
    return profiles.getTenant(this.db, tenantId);
  }
  listTenants() {
    return profiles.listTenants(this.db);
  }
  setTenantDisabled(input: { tenantId: string; disabled: boolean }) {
    return profiles.setTenantDisabled(this.db, input);
  }

  // Profiles
  createProfile(scope: TenantScope, input: NewProfile) {
    return profiles.createProfile(this.db, scope, { ...input, now: this.now() });
  }
  getProfile(scope: TenantScope, id: string) {
    return profiles.getProfile(this.db, scope, { id });
  }
  listProfiles(scope: TenantScope, options?: ListProfilesOptions) {
    return profiles.listProfiles(this.db, scope, options);
  }
  listProfileSummaries(scope: TenantScope, options?: ListProfilesOptions) {
    return profiles.listProfileSummaries(this.db, scope, options);
  }
  updateProfile(scope: TenantScope, input: UpdateProfileInput) {
    const now = this.now();
    return this.atomic((db) => profiles.updateProfile(db, scope, { ...input, now }));
  }
  setProfileEnabled(
    scope: TenantScope,
    input: { id: string; enabled: boolean; expectedVersion?: number | undefined },
  ) {
    const now = this.now();
    return this.atomic(async (db) => {
      const current = await profiles.lockProfileAt(db, scope, input);
      return profiles.updateProfile(db, scope, {
        id: input.id,
        expectedVersion: current.version,
        patch: { enabled: input.enabled },
        now,
      });
    });
  }
  deleteProfile(scope: TenantScope, input: { id: string; expectedVersion?: number | undefined }) {
    const now = this.now();
    return this.atomic((db) => profiles.softDeleteProfile(db, scope, { ...input, now }));
  }

  // Trading reads
  getOrder(scope: TenantScope, id: string) {
    return trading.getOrder(this.db, scope, id);
  }
  getOrderByClientId(scope: TenantScope, clientOrderId: string) {
    return trading.getOrderByClientId(this.db, scope, clientOrderId);
  }
  listOrders(scope: TenantScope, filter?: OrdersFilter) {
    return trading.listOrders(this.db, scope, filter);
  }
  listTrades(scope: TenantScope, filter?: HistoryFilter) {
    return trading.listTrades(this.db, scope, filter);
  }
  listDecisions(scope: TenantScope, filter?: DecisionsFilter) {
    return trading.listDecisions(this.db, scope, filter);
  }
  getDecision(scope: TenantScope, id: string) {
    return trading.getDecision(this.db, scope, id);
  }
  listLedger(scope: TenantScope, filter?: ProfileFilter) {
    return trading.listLedger(this.db, scope, filter);
  }
  listEquity(scope: TenantScope, filter?: ProfileFilter & { since?: string | undefined }) {
    return trading.listEquity(this.db, scope, filter);
  }
  listPositions(
    scope: TenantScope,
    options?: { profileId?: string | undefined; openOnly?: boolean | undefined },
  ) {
    return trading.listPositions(this.db, scope, options);
  }
  pruneHoldDecisions(input: { before: string; tenantId?: string | undefined }) {
    return trading.pruneHoldDecisions(this.db, input);
  }
  ledgerBalances(
    scope: TenantScope,
    options?: { onlyProfiles?: readonly string[] | null | undefined },
  ) {
    return books.ledgerBalances(this.db, scope, options);
  }
  equityRange(scope: TenantScope, filter: RangeFilter) {
    return books.equityRange(this.db, scope, filter);
  }
  tradesRange(scope: TenantScope, filter: RangeFilter) {
    return books.tradesRange(this.db, scope, filter);
  }
  ledgerBuckets(scope: TenantScope, filter: RangeFilter) {
    return books.ledgerBuckets(this.db, scope, filter);
  }

  // Alerts
  raiseAlert(input: RaisedAlert) {
    return alerts.raiseAlert(this.db, { ...input, now: this.now() });
  }

  resolveAlertSource(input: { tenantId: string | null; source: string; by: string }) {
    return alerts.resolveAlertSource(this.db, { ...input, now: this.now() });
  }

  createAlert(scope: TenantScope, input: NewAlert) {
    return alerts.createAlert(this.db, scope, { ...input, now: this.now() });
  }
  listAlerts(scope: TenantScope, filter?: AlertsFilter) {
    return alerts.listAlerts(this.db, scope, filter);
  }
  async acknowledgeAlert(
    scope: TenantScope,
    id: string,
    options?: { onlyProfiles?: readonly string[] | null },
  ) {
    const change = { id, action: 'acknowledge' as const, onlyProfiles: options?.onlyProfiles };
    return (await this.changeAlert(scope, change)).after;
  }
  getAlert(
    scope: TenantScope,
    options: { id: string; onlyProfiles?: readonly string[] | null | undefined },
  ) {
    return alerts.getAlert(this.db, scope, options);
  }
  changeAlert(scope: TenantScope, change: AlertChange) {
    return this.atomic((db) => alerts.changeAlert(db, scope, { ...change, now: this.now() }));
  }
  countOpenAlerts(scope: TenantScope, filter?: Pick<AlertsFilter, 'onlyProfiles'>) {
    return alerts.countOpenAlerts(this.db, scope, filter);
  }

  // Controls and dynamic config
  listControls(scope: TenantScope | null) {
    return controls.listControls(this.db, scope);
  }
  setControl(input: SetControlInput) {
    const now = this.now();
    return this.atomic((db) => controls.setControl(db, { ...input, now }));
  }
  listConfig() {
    return controls.listConfig(this.db);
  }
  getConfig(key: DynamicConfigKey) {
    return controls.getConfig(this.db, key);
  }
  putConfig(input: PutConfigInput) {
    const now = this.now();
    return this.atomic((db) => controls.putConfig(db, { ...input, now }));
  }

  // Change feed (LISTEN/NOTIFY on the database itself)
  async notifyChange(topic: ChangeTopic) {
    await this.db.query('SELECT pg_notify($1, $2)', [changeChannel(this.sql.namespace), topic]);
  }
  listenChanges(onTopic: (topic: ChangeTopic) => void, onGap?: () => void) {
    return this.sql.listen(
      changeChannel(this.sql.namespace),
      (payload) => {
        const topic = CHANGE_TOPICS.find((t) => t === payload);
        if (topic) onTopic(topic);
      },
      onGap,
    );
  }
  controlsFingerprint() {
    return controls.controlsFingerprint(this.db);
  }

  // Loop commands (any instance serves any tenant)
  submitCommand(
    scope: TenantScope,
    input: Pick<LoopCommand, 'id' | 'kind' | 'payload' | 'deadlineAt'>,
  ) {
    const now = this.now();
    return this.atomic((db) =>
      commands.submitCommand(db, this.sql.namespace, scope, { ...input, now }),
    );
  }
  getCommand(scope: TenantScope, id: string) {
    return commands.getCommand(this.db, scope, id);
  }
  claimCommands(input: {
    tenantIds: readonly string[];
    instanceId: string;
    staleRunningMs: number;
  }) {
    const now = this.now();
    return this.atomic((db) => commands.claimCommands(db, this.sql.namespace, { ...input, now }));
  }
  finishCommand(
    scope: TenantScope,
    input: { id: string; status: 'done' | 'expired'; result: Record<string, unknown> | null },
  ) {
    const now = this.now();
    return this.atomic((db) =>
      commands.finishCommand(db, this.sql.namespace, scope, { ...input, now }),
    );
  }
  tenantsWithoutLoop(freshMs: number) {
    return commands.tenantsWithoutLoop(this.db, freshMs);
  }

  // Token issuer keys
  async loadJwks(url: string): Promise<StoredJwks | null> {
    const { rows } = await this.db.query<{ url: string; jwks: unknown; fetched_at: unknown }>(
      'SELECT url, jwks, fetched_at FROM jwks_cache WHERE url = $1',
      [url],
    );
    const r = rows[0];
    if (!r) return null;
    return { url: r.url, jwks: json<StoredJwks['jwks']>(r.jwks), fetchedAt: iso(r.fetched_at) };
  }
  async saveJwks(input: StoredJwks): Promise<void> {
    await this.db.query(
      `INSERT INTO jwks_cache (url, jwks, fetched_at) VALUES ($1, $2::jsonb, $3::timestamptz)
       ON CONFLICT (url) DO UPDATE SET jwks = EXCLUDED.jwks, fetched_at = EXCLUDED.fetched_at
       WHERE jwks_cache.fetched_at <= EXCLUDED.fetched_at`,
      [input.url, jsonParam(input.jwks), input.fetchedAt],
    );
  }

  // Audit
  appendAudit(input: NewAuditEvent) {
    const now = this.now();
    return this.atomic((db) => audit.appendAudit(db, { ...input, now }));
  }
  listAudit(scope: TenantScope, filter: AuditFilter = {}) {
    return audit.listAudit(this.db, { ...filter, tenantId: scope.tenantId });
  }
  verifyAudit() {
    return audit.verifyAudit(this.db);
  }

  // Idempotency
  claimIdempotencyKey(scope: TenantScope, input: ClaimIdempotencyInput) {
    return idem.claimIdempotencyKey(this.db, scope, { ...input, now: this.now() });
  }
  completeIdempotencyKey(scope: TenantScope, input: CompleteIdempotencyInput) {
    return idem.completeIdempotencyKey(this.db, scope, { ...input, now: this.now() });
  }
  releaseIdempotencyKey(scope: TenantScope, input: { userId: string; key: string }) {
    return idem.releaseIdempotencyKey(this.db, scope, input);
  }
  pruneIdempotencyKeys(input: { before: string }) {
    return idem.pruneIdempotencyKeys(this.db, input);
  }

  // Backtest jobs
  insertBacktest(scope: TenantScope, input: Parameters<BacktestJobStore['insertBacktest']>[1]) {
    return this.atomic((db) => backtests.insertBacktest(db, scope, input));
  }
  getBacktest(scope: TenantScope, input: { userId: string; id: string }) {
    return backtests.getBacktest(this.db, scope, input);
  }
  listBacktests(scope: TenantScope, input: { userId: string; limit: number }) {
    return backtests.listBacktests(this.db, scope, input);
  }
  startBacktest(scope: TenantScope, input: { id: string; at: string }) {
    return backtests.startBacktest(this.db, scope, input);
  }
  progressBacktest(scope: TenantScope, input: { id: string; progress: number; at: string }) {
    return backtests.progressBacktest(this.db, scope, input);
  }
  finishBacktest(scope: TenantScope, input: Parameters<BacktestJobStore['finishBacktest']>[1]) {
    return backtests.finishBacktest(this.db, scope, input);
  }
  cancelBacktest(scope: TenantScope, input: { userId: string; id: string; at: string }) {
    return backtests.cancelBacktest(this.db, scope, input);
  }
  heartbeatBacktests(input: { instanceId: string; ids: readonly string[]; at: string }) {
    return backtests.heartbeatBacktests(this.db, input);
  }
  failStaleBacktests(input: Parameters<BacktestJobStore['failStaleBacktests']>[0]) {
    return backtests.failStaleBacktests(this.db, input);
  }
}
