import type {
  Alert,
  AlertSeverity,
  Decision,
  EquitySnapshot,
  Fill,
  LedgerEntry,
  Order,
  Position,
  Trade,
} from '@bytelyst/trading-contracts';
import { alertKindOf } from '@bytelyst/trading-contracts';
import { stableId } from '../domain/ids.js';
import { type OrderState, orderToContract } from '../domain/orders/order.js';
import { type PositionState, positionToContract } from '../domain/positions/position.js';
import type { AuditEventDraft } from '../ports/journal.js';
import type { EngineContext } from './context.js';
import type { EngineEvent } from './events.js';
import type { TenantRuntime } from './runtime.js';
import { venueOfProfile } from './accounts.js';

/**
 * Everything one engine step changes, committed as ONE journal batch; events for the API are
 * emitted only after the commit succeeded, so a surface never sees what the books do not hold.
 */
export class UnitOfWork {
  // Created on first use: most steps touch two or three kinds of record, and a backtest makes two
  // units per order, so empty collections are not allocated up front.
  private orders: Map<string, OrderState> | null = null;
  private positions: Map<string, PositionState> | null = null;
  private fills: Fill[] | null = null;
  private ledger: LedgerEntry[] | null = null;
  private decisions: Decision[] | null = null;
  private trades: Trade[] | null = null;
  private equity: EquitySnapshot[] | null = null;
  private alerts: Alert[] | null = null;
  private audit: AuditEventDraft[] | null = null;
  private blocks: Map<string, string | null> | null = null;

  constructor(
    private readonly ctx: EngineContext,
    private readonly tenant: TenantRuntime,
  ) {}

  get empty(): boolean {
    return (
      (this.orders?.size ?? 0) +
        (this.positions?.size ?? 0) +
        (this.fills?.length ?? 0) +
        (this.ledger?.length ?? 0) +
        (this.decisions?.length ?? 0) +
        (this.trades?.length ?? 0) +
        (this.equity?.length ?? 0) +
        (this.alerts?.length ?? 0) +
        (this.audit?.length ?? 0) +
        (this.blocks?.size ?? 0) ===
      0
    );
  }

  private user(profileId: string | null): string | undefined {
    if (!profileId) return undefined;
    return this.tenant.profiles.get(profileId)?.profile.userId;
  }

  order(order: OrderState): void {
    (this.orders ??= new Map()).set(order.id, order);
  }

  position(p: PositionState): void {
    (this.positions ??= new Map()).set(`${p.profileId}|${p.symbol}`, p);
  }

  fill(f: Fill, entries: readonly LedgerEntry[]): void {
    (this.fills ??= []).push(f);
    if (entries.length > 0) (this.ledger ??= []).push(...entries);
  }

  ledgerEntries(entries: readonly LedgerEntry[]): void {
    if (entries.length > 0) (this.ledger ??= []).push(...entries);
  }

  decision(decision: Decision): void {
    (this.decisions ??= []).push(decision);
  }

  trade(t: Trade): void {
    (this.trades ??= []).push(t);
  }

  equitySnapshot(s: EquitySnapshot): void {
    (this.equity ??= []).push(s);
  }

  auditEvent(e: AuditEventDraft): void {
    (this.audit ??= []).push(e);
  }

  /** A profile's block set or lifted; written to its row with the rest of this unit. */
  profileBlock(profileId: string, blockedReason: string | null): void {
    (this.blocks ??= new Map()).set(profileId, blockedReason);
  }

  alert(options: {
    profileId: string | null;
    severity: AlertSeverity;
    code: string;
    message: string;
    key?: string;
    /**
     * A notice, not a problem (a fill): stored resolved by `system`, so it counts in no open
     * badge, and not remembered in `alerted` (its stable id already makes a replay a no-op, and
     * one key per fill would grow without bound).
     */
    informational?: boolean;
  }): void {
    const now = this.ctx.clock.now();
    const key = options.key ?? `${options.code}|${options.profileId ?? ''}|${now}`;
    const at = new Date(now).toISOString();
    if (options.informational) {
      (this.alerts ??= []).push({
        ...this.alertRow(options, key, at),
        state: 'resolved',
        acknowledged: true,
        acknowledgedBy: 'system',
        acknowledgedAt: at,
        resolvedBy: 'system',
        resolvedAt: at,
      });
      return;
    }
    if (this.tenant.alerted.has(key)) return;
    this.tenant.alerted.add(key);
    (this.alerts ??= []).push(this.alertRow(options, key, at));
  }

  private alertRow(
    options: { profileId: string | null; severity: AlertSeverity; code: string; message: string },
    key: string,
    at: string,
  ): Alert {
    return {
      id: stableId('a-', this.tenant.id, key),
      tenantId: this.tenant.id,
      profileId: options.profileId,
      severity: options.severity,
      kind: alertKindOf(options.code),
      code: options.code,
      message: options.message.slice(0, 500),
      state: 'open',
      acknowledged: false,
      acknowledgedBy: null,
      acknowledgedAt: null,
      resolvedBy: null,
      resolvedAt: null,
      createdAt: at,
    };
  }

  async commit(): Promise<void> {
    if (this.empty) return;
    // Persistence off (fast backtests) stores nothing and converts nothing: listeners still get
    // the records that exist in that mode (trades, alerts such as a halt); orders and positions
    // stay engine state. Most such units hold nothing a listener gets: they end here (measured:
    // building the empty event lists cost ~5 % of the backtest bench).
    const stored = !this.ctx.journal.discardsWrites;
    if (!stored && !this.decisions && !this.trades && !this.alerts) return this.reset();
    const orders: Order[] =
      stored && this.orders ? [...this.orders.values()].map(orderToContract) : [];
    const states = stored && this.positions ? [...this.positions.values()] : [];
    // The contract row carries the exact cost basis, which the journal stores too.
    const positions: Position[] = states.map((s) => {
      const rt = this.tenant.profiles.get(s.profileId);
      return positionToContract(s, rt ? venueOfProfile(this.tenant, rt.profile) : undefined);
    });
    const decisions = this.decisions ?? [];
    const fills = this.fills ?? [];
    const trades = this.trades ?? [];
    const alerts = this.alerts ?? [];
    const ledger = this.ledger;
    if (stored) {
      await this.ctx.journal.commit({
        tenantId: this.tenant.id,
        ...(this.tenant.fence ? { fence: this.tenant.fence } : {}),
        orders,
        fills,
        ledgerEntries: ledger ?? [],
        decisions,
        positions,
        trades,
        equitySnapshots: this.equity ?? [],
        alerts,
        ...(this.audit ? { auditEvents: this.audit } : {}),
        ...(this.blocks
          ? {
              profileBlocks: [...this.blocks].map(([profileId, blockedReason]) => ({
                profileId,
                blockedReason,
              })),
            }
          : {}),
      });
      this.ctx.stats.commits++;
    }
    this.reset();
    const tenantId = this.tenant.id;
    // Readers of the books (the API's portfolio view) re-read balances after the ledger moved.
    if (stored && ledger && this.ctx.events.has('ledger'))
      this.ctx.events.emit('ledger', {
        tenantId,
        profileIds: [...new Set(ledger.map((e) => e.profileId))],
      });
    if (!this.ctx.events.has('event')) return;
    const out: EngineEvent[] = [];
    const tag = (profileId: string | null) => {
      const userId = this.user(profileId);
      return userId ? { tenantId, userId } : { tenantId };
    };
    for (const d of decisions) out.push({ name: 'decision', ...tag(d.profileId), payload: d });
    for (const o of orders) out.push({ name: 'order', ...tag(o.profileId), payload: o });
    for (const f of fills) out.push({ name: 'fill', ...tag(f.profileId), payload: f });
    for (const p of positions) out.push({ name: 'position', ...tag(p.profileId), payload: p });
    for (const t of trades) out.push({ name: 'trade', ...tag(t.profileId), payload: t });
    for (const a of alerts) out.push({ name: 'alert', ...tag(a.profileId), payload: a });
    for (const e of out) this.ctx.events.emit('event', e);
  }

  /** Starts over empty; the committed collections now belong to the batch and its events. */
  private reset(): void {
    this.orders = null;
    this.positions = null;
    this.fills = null;
    this.ledger = null;
    this.decisions = null;
    this.trades = null;
    this.equity = null;
    this.alerts = null;
    this.audit = null;
    this.blocks = null;
  }
}
