import {
  AppError,
  type BotState,
  type Candle,
  type ControlVerdict,
  type Instrument,
  type ManualTradeBody,
  type PriceTick,
  type Timeframe,
  type TradingProfile,
  type VenueFeedState,
  type VenueTag,
} from '@bytelyst/trading-contracts';
import { formatFixed } from '../domain/money/fixed.js';
import { type BooksReader, booksReader } from './settled-books.js';
import type { Clock } from '../ports/clock.js';
import type { ExecutionClient, ExecutionClientProvider } from '../ports/execution-client.js';
import type { TradingJournal } from '../ports/journal.js';
import type { MarketDataFeed, MarketEvent, MarketFeedProvider } from '../ports/market-data.js';
import { equityOf, fundProfile, snapshotEquity } from './profile-books.js';
import {
  type ControlsUpdate,
  type EngineConfigInput,
  type EngineContext,
  type EngineLogger,
  EngineConfigSchema,
  newStats,
  silentLogger,
} from './context.js';
import { verdictFor } from './control-verdict.js';
import { EngineEvents } from './events.js';
import {
  type CancelResult,
  type ManualOrderResult,
  cancelOpenOrder,
  closePositionOrder,
  manualOrder,
} from './manual-orders.js';
import { flushHolds } from './hold-decisions.js';
import * as resolution from './block-resolution.js';
import { OrderDeadlinePassed, OrderNotSaved, type SendGate } from './order-flow.js';
import { pricesOf, toCandle } from './market-wire.js';
import { type MarketLoop, onMarketEvent } from './market-events.js';
import { MarketViews, type MarketView } from './market-views.js';
import { primeStrategies } from './slot-index.js';
import { type ReconciliationReport, reconcileTenant } from './reconciliation.js';
import {
  accountOpener,
  connectAccount,
  disposeAccounts,
  reconcileIfNewAccount,
} from './account-runtime.js';
import { PAPER_ACCOUNT, type TenantRuntime, applyProfile, createTenantRuntime } from './runtime.js';
import { UnitOfWork } from './unit-of-work.js';
import { type EngineHealth, buildBotState, buildHealth } from './bot-state.js';
import { enforceCancels, nextPeriodicStep } from './periodic-steps.js';

export interface TradingEngineDeps {
  readonly clock: Clock;
  readonly market: MarketDataFeed;
  readonly execution: ExecutionClient | ExecutionClientProvider;
  readonly journal: TradingJournal;
  readonly instanceId: string;
  readonly logger?: EngineLogger;
  readonly config?: EngineConfigInput;
  /** Model versions model strategies read (the registry's loaded versions); none by default. */
  readonly models?: EngineContext['models'];
  /**
   * The market each profile trades on (its venue's feed); without it every profile trades on
   * `market` (market-views.ts).
   */
  readonly marketFor?: MarketFeedProvider;
  /**
   * The venue and label of a tenant's venue account, stamped on the orders sent through it;
   * without it an account is tagged with its id only.
   */
  readonly venueTagOf?: (tenantId: string, accountId: string) => Promise<VenueTag>;
  /** The health of the venue market-data feeds of this instance (compose/venue-feeds.ts). */
  readonly venueFeeds?: () => readonly VenueFeedState[];
}

export type { ControlsUpdate };

export type { EngineHealth } from './bot-state.js';

/** The engine facade the API layer and the backtest runner drive (see README.md beside this file). */
export class TradingEngine {
  readonly events = new EngineEvents();
  readonly ctx: EngineContext;
  private readonly tenants = new Map<string, TenantRuntime>();
  private readonly provider: ExecutionClientProvider;
  /** The markets followed, each with its slots (symbol -> timeframe -> slots). */
  private readonly views: MarketViews;
  /** What a market event needs of the engine (market-events.ts), built once. */
  private readonly loop: MarketLoop;
  /** The tenants as an array for the per-event periodic-step check (no iterator allocation). */
  private tenantList: TenantRuntime[] = [];
  private readonly afterReconcile = (t: TenantRuntime): void => {
    this.primeStrategies(t);
    this.reindex();
  };
  private lastLoopAt: number | null = null;

  constructor(private readonly deps: TradingEngineDeps) {
    const exec = deps.execution;
    this.provider = typeof exec === 'function' ? exec : () => exec;
    this.ctx = {
      clock: deps.clock,
      market: deps.market,
      journal: deps.journal,
      events: this.events,
      config: EngineConfigSchema.parse(deps.config ?? {}),
      controls: {
        product: null,
        productReceivedAt: null,
        global: 'RUNNING',
        tenants: new Map(),
        profiles: new Map(),
      },
      instanceId: deps.instanceId,
      logger: deps.logger ?? silentLogger,
      stats: newStats(),
      instruments: new Map(deps.market.instruments().map((i) => [i.symbol, i])),
      lastTickAt: new Map(),
      profileTicks: deps.marketFor ? new Map() : null,
      models: deps.models ?? { model: () => undefined },
    };
    this.loop = {
      guard: (t, task) => this.guard(t, task),
      periodic: (now) => this.runDuePeriodicSteps(now),
    };
    this.views = new MarketViews(this.ctx, {
      provider: deps.marketFor,
      onEvent: (view, e) => void this.onMarketOf(view, e),
    });
  }

  get stats() {
    return this.ctx.stats;
  }

  /** Subscribes to the market feed (the composition root starts the feed itself). */
  start(): void {
    this.views.start();
  }

  async stop(): Promise<void> {
    this.views.stop();
    for (const id of [...this.tenants.keys()]) await this.stopTenant(id);
  }

  /** Reconciles first, then trades the tenant's enabled profiles. Returns the reconciliation report. */
  async startTenant(
    tenantId: string,
    lease: { epoch: number; profiles?: readonly TradingProfile[] },
  ): Promise<ReconciliationReport> {
    if (this.tenants.has(tenantId)) await this.stopTenant(tenantId);
    const client = await this.provider(tenantId, null);
    const tenant = createTenantRuntime({
      id: tenantId,
      fence: { instanceId: this.deps.instanceId, epoch: lease.epoch },
      client,
    });
    const guard = (task: () => Promise<void>) => this.guard(tenant, task);
    // Accounts other than paper are opened by reconciliation, once it knows the profiles.
    tenant.openAccount = accountOpener(this.ctx, {
      tenant,
      guard,
      client: async (key) => this.provider(tenantId, key),
      venueTag: (key) => this.deps.venueTagOf?.(tenantId, key),
    });
    this.tenants.set(tenantId, tenant);
    this.tenantList = [...this.tenants.values()];
    await connectAccount(this.ctx, { tenant, key: PAPER_ACCOUNT, client, guard });
    const report = await tenant.queue.run(async () => {
      const r = await reconcileTenant(this.ctx, {
        tenant,
        ...(lease.profiles && { profiles: lease.profiles }),
      });
      // Each profile is put on its market before it sees a candle.
      for (const rt of tenant.profiles.values()) await this.views.assign(tenant, rt);
      return r;
    });
    this.primeStrategies(tenant);
    this.reindex();
    return report;
  }

  async stopTenant(tenantId: string): Promise<void> {
    const t = this.tenants.get(tenantId);
    if (!t) return;
    // Buffered HOLD decisions are written before the loop lets go of the tenant.
    if (t.holds.length > 0) await this.guard(t, () => flushHolds(this.ctx, t));
    t.status = 'stopped';
    await t.queue.idle();
    this.tenants.delete(tenantId);
    this.tenantList = [...this.tenants.values()];
    this.reindex();
    await disposeAccounts(t);
  }

  /** The API persisted a profile; the engine picks it up (strategy state restarts if it changed). */
  upsertProfile(profile: TradingProfile): void {
    const t = this.tenants.get(profile.tenantId);
    if (!t) return;
    const rt = applyProfile(this.ctx, { tenant: t, profile });
    // A new profile, or a changed allocation, is funded through the ledger (the delta only).
    void this.guard(t, async () => {
      if (t.profiles.get(profile.id) !== rt) return;
      if (this.deps.marketFor) {
        await this.views.assign(t, rt);
        this.primeStrategies(t, profile.id);
        this.reindex();
      }
      // A venue account the tenant has not traded on is opened and reconciled before any order
      // goes there (its external orders and positions are checked, as at start).
      if (await reconcileIfNewAccount(this.ctx, { tenant: t, profile }))
        return this.afterReconcile(t);
      const uow = new UnitOfWork(this.ctx, t);
      fundProfile(this.ctx, rt, uow);
      snapshotEquity(this.ctx, rt, uow);
      await uow.commit();
    });
    this.primeStrategies(t, profile.id);
    this.reindex();
  }

  removeProfile(tenantId: string, profileId: string): void {
    this.tenants.get(tenantId)?.profiles.delete(profileId);
    this.views.forget(profileId);
    this.reindex();
  }

  setControls(update: ControlsUpdate): void {
    const c = this.ctx.controls;
    if (update.product !== undefined) {
      c.product = update.product;
      c.productReceivedAt = update.productReceivedAt ?? this.ctx.clock.now();
    }
    if (update.global) c.global = update.global;
    if (update.tenants) for (const [k, v] of update.tenants) c.tenants.set(k, v);
    if (update.profiles) for (const [k, v] of update.profiles) c.profiles.set(k, v);
    const halts =
      update.global === 'HALTED' ||
      [...(update.tenants?.values() ?? []), ...(update.profiles?.values() ?? [])].includes(
        'HALTED',
      );
    if (halts)
      for (const t of this.tenants.values()) void this.guard(t, () => enforceCancels(this.ctx, t));
  }

  verdictFor(tenantId: string, profileId?: string): ControlVerdict {
    const t = this.tenants.get(tenantId);
    const p = profileId ? t?.profiles.get(profileId) : undefined;
    return verdictFor(this.ctx, t, p);
  }

  /** Why a profile is blocked right now (with the books and venue figures), or null. */
  blockedReason(tenantId: string, profileId: string): string | null {
    return this.tenants.get(tenantId)?.profiles.get(profileId)?.blockedReason ?? null;
  }

  botState(tenantId: string): BotState {
    return buildBotState(this.ctx, {
      tenantId,
      tenant: this.tenants.get(tenantId),
      lastLoopAt: this.lastLoopAt,
      venueFeeds: this.deps.venueFeeds?.() ?? [],
    });
  }

  submitManualOrder(options: {
    tenantId: string;
    userId: string;
    body: ManualTradeBody;
    requestId: string;
    orderKey?: string | undefined;
    gate?: SendGate | undefined;
  }): Promise<ManualOrderResult> {
    const t = this.runningTenant(options.tenantId);
    return this.personStep(t, () =>
      manualOrder(this.ctx, {
        tenant: t,
        userId: options.userId,
        body: options.body,
        requestId: options.requestId,
        orderKey: options.orderKey,
        gate: options.gate,
      }),
    );
  }

  closePosition(options: {
    tenantId: string;
    userId: string;
    profileId: string;
    symbol: string;
    requestId: string;
    orderKey?: string | undefined;
    reason?: string | undefined;
    gate?: SendGate | undefined;
  }): Promise<ManualOrderResult> {
    const t = this.runningTenant(options.tenantId);
    return this.personStep(t, () => closePositionOrder(this.ctx, { ...options, tenant: t }));
  }

  /** A person cancels an open limit or stop order (allowed under every control). */
  cancelOrder(options: { tenantId: string; clientOrderId: string }): Promise<CancelResult> {
    const t = this.runningTenant(options.tenantId);
    return this.personStep(t, () =>
      cancelOpenOrder(this.ctx, { tenant: t, clientOrderId: options.clientOrderId }),
    );
  }

  /** An operator's decision on a blocked profile (block-resolution.ts); refusals are thrown. */
  resolveBlock(
    options: resolution.ResolveBlockRequest,
  ): Promise<resolution.BlockResolutionOutcome> {
    const t = this.runningTenant(options.tenantId);
    const run = () => resolution.resolveBlock(this.ctx, { tenant: t, input: options });
    return resolution.throwRefusal(this.personStep(t, run));
  }

  /**
   * A person's order runs in the tenant's queue and its error goes back to the caller. An order
   * that was not saved left nothing behind (see OrderNotSaved); any other failure may have left
   * an order at the venue that the books do not hold, so the tenant stops and the supervisor
   * restarts it through reconciliation, exactly as for a failed loop step.
   */
  private personStep<T>(t: TenantRuntime, task: () => Promise<T>): Promise<T> {
    return t.queue.run(async () => {
      try {
        return await task();
      } catch (e) {
        // Neither leaves anything at the venue: nothing to reconcile, the tenant trades on.
        const harmless = e instanceof OrderNotSaved || e instanceof OrderDeadlinePassed;
        if (!harmless && t.status !== 'stopped' && t.status !== 'failed') this.failTenant(t, e);
        throw e;
      }
    });
  }

  health(): EngineHealth {
    return buildHealth(this.ctx, {
      tenants: this.tenants.values(),
      lastLoopAt: this.lastLoopAt,
      venueFeeds: this.deps.venueFeeds?.() ?? [],
    });
  }

  /** Exact equity per profile of a tenant (cash plus positions at the last close). */
  equity(tenantId: string): Record<string, string> {
    const out: Record<string, string> = {};
    const t = this.tenants.get(tenantId);
    if (!t) return out;
    for (const [id, rt] of t.profiles) out[id] = formatFixed(equityOf(this.ctx, rt).equity);
    return out;
  }

  /** Read-only views of a tenant's books (settled-books.ts); follows the tenant's runtime. */
  books(tenantId: string): BooksReader {
    return booksReader(() => this.tenants.get(tenantId));
  }

  prices(): PriceTick[] {
    return pricesOf(this.deps.market);
  }

  instruments(): Instrument[] {
    return [...this.deps.market.instruments()];
  }

  candles(symbol: string, timeframe: Timeframe, limit: number): Candle[] {
    return this.deps.market.history(symbol, timeframe, limit).map(toCandle);
  }

  /** Resolves when every tenant has finished the work queued so far. */
  async idle(): Promise<void> {
    for (const t of this.tenants.values()) await t.queue.idle();
  }

  /**
   * One market event. Returns a promise only when work was queued, so a backtest can run HOLD
   * candles synchronously and await only the candles that trade.
   */
  onMarket(e: MarketEvent): Promise<void> | undefined {
    return this.onMarketOf(this.views.default, e);
  }

  /** One event of one market: it reaches only the slots trading on that market. */
  private onMarketOf(view: MarketView, e: MarketEvent): Promise<void> | undefined {
    this.lastLoopAt = this.ctx.clock.now();
    return onMarketEvent(this.ctx, {
      view,
      e,
      shown: view === this.views.default,
      loop: this.loop,
    });
  }

  /** Unknown orders are settled and failed reconciliations retried, paced by the clock. */
  private runDuePeriodicSteps(now: number): Promise<void> | undefined {
    let work: Promise<void>[] | undefined;
    for (const t of this.tenantList) {
      const task = nextPeriodicStep(this.ctx, {
        tenant: t,
        now,
        afterReconcile: this.afterReconcile,
      });
      if (!task) continue;
      t.periodicStepQueued = true;
      (work ??= []).push(
        this.guard(t, async () => {
          try {
            await task();
          } finally {
            t.periodicStepQueued = false;
          }
        }),
      );
    }
    return work ? Promise.all(work).then(() => undefined) : undefined;
  }

  /** Runs a tenant step in its queue; a failed commit stops the tenant instead of trading on. */
  private guard(t: TenantRuntime, task: () => Promise<void>): Promise<void> {
    return t.queue.run(async () => {
      if (t.status === 'stopped' || t.status === 'failed') return;
      try {
        await task();
      } catch (e) {
        if (e instanceof OrderNotSaved) {
          // Nothing was sent and every mark was undone: the loop decides again on the next close.
          this.ctx.logger.warn({ tenantId: t.id, err: e.message }, 'order intent not saved');
          return;
        }
        this.failTenant(t, e);
      }
    });
  }

  private failTenant(t: TenantRuntime, e: unknown): void {
    const fenced = e instanceof AppError && e.code === 'CONFLICT';
    t.status = fenced ? 'stopped' : 'failed';
    t.failure = e instanceof Error ? e.message : String(e);
    this.ctx.logger.error(
      { tenantId: t.id, err: t.failure },
      fenced ? 'lease lost; tenant loop stopped' : 'tenant step failed; loop stopped until restart',
    );
    this.reindex();
    if (!fenced) this.events.emit('tenant_failed', { tenantId: t.id, reason: t.failure });
  }

  /** Why a tenant's loop is not running, when it failed (null when healthy or unknown). */
  failureOf(tenantId: string): string | null {
    const t = this.tenants.get(tenantId);
    return t?.status === 'failed' ? t.failure : null;
  }

  private runningTenant(tenantId: string): TenantRuntime {
    const t = this.tenants.get(tenantId);
    if (!t || t.status === 'stopped' || t.status === 'failed')
      throw new AppError('NOT_READY', 'this tenant is not being traded by this instance');
    return t;
  }

  /** Feeds recent history into fresh strategy instances so a restart does not wait for warm-up. */
  private primeStrategies(t: TenantRuntime, profileId?: string): void {
    primeStrategies((rt) => this.views.viewOf(rt)?.feed ?? null, {
      tenant: t,
      ...(profileId ? { profileId } : {}),
    });
  }

  private reindex(): void {
    for (const view of this.views.all())
      view.slots.rebuild(this.tenants.values(), (rt) => this.views.viewOf(rt) === view);
  }
}

export function createTradingEngine(deps: TradingEngineDeps): TradingEngine {
  return new TradingEngine(deps);
}
