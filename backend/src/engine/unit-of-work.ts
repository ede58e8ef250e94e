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
import { stableId } from '../domain/ids.js';
import { type OrderState, orderToContract } from '../domain/orders/order.js';
import { type PositionState, positionToContract } from '../domain/positions/position.js';
import type { AuditEventDraft } from '../ports/journal.js';
import type { EngineContext } from './context.js';
import type { EngineEvent } from './events.js';
import type { TenantRuntime } from './runtime.js';

/**
 * Everything one engine step changes, committed as ONE journal batch; events for the API are
 * emitted only after the commit succeeded, so a surface never sees what the books do not hold.
 */
export class UnitOfWork {
  private readonly orders = new Map<string, OrderState>();
  private readonly positions = new Map<string, PositionState>();
  private readonly fills: Fill[] = [];
  private readonly ledger: LedgerEntry[] = [];
  private readonly decisions: Decision[] = [];
  private readonly trades: Trade[] = [];
  private readonly equity: EquitySnapshot[] = [];
  private readonly alerts: Alert[] = [];
  private readonly audit: AuditEventDraft[] = [];

  constructor(
    private readonly ctx: EngineContext,
    private readonly tenant: TenantRuntime,
  ) {}

  get empty(): boolean {
    return (
      this.orders.size +
        this.positions.size +
        this.fills.length +
        this.ledger.length +
        this.decisions.length +
        this.trades.length +
        this.equity.length +
        this.alerts.length +
        this.audit.length ===
      0
    );
  }

  private user(profileId: string | null): string | undefined {
    if (!profileId) return undefined;
    return this.tenant.profiles.get(profileId)?.profile.userId;
  }

  order(o: OrderState): void {
    this.orders.set(o.id, o);
  }

  position(p: PositionState): void {
    this.positions.set(`${p.profileId}|${p.symbol}`, p);
  }

  fill(f: Fill, entries: readonly LedgerEntry[]): void {
    this.fills.push(f);
    this.ledger.push(...entries);
  }

  ledgerEntries(entries: readonly LedgerEntry[]): void {
    this.ledger.push(...entries);
  }

  decision(d: Decision): void {
    this.decisions.push(d);
  }

  trade(t: Trade): void {
    this.trades.push(t);
  }

  equitySnapshot(s: EquitySnapshot): void {
    this.equity.push(s);
  }

  auditEvent(e: AuditEventDraft): void {
    this.audit.push(e);
  }

  alert(o: {
    profileId: string | null;
    severity: AlertSeverity;
    code: string;
    message: string;
    key?: string;
  }): void {
    const now = this.ctx.clock.now();
    const key = o.key ?? `${o.code}|${o.profileId ?? ''}|${now}`;
    if (this.tenant.alerted.has(key)) return;
    this.tenant.alerted.add(key);
    this.alerts.push({
      id: stableId('a-', this.tenant.id, key),
      tenantId: this.tenant.id,
      profileId: o.profileId,
      severity: o.severity,
      code: o.code,
      message: o.message.slice(0, 500),
      acknowledged: false,
      createdAt: new Date(now).toISOString(),
    });
  }

  async commit(): Promise<void> {
    if (this.empty) return;
    if (this.ctx.journal.discardsWrites) {
      // Persistence off (fast backtests): nothing to convert or store; trades still reach listeners.
      const trades = this.trades.slice();
      this.reset();
      for (const t of trades)
        this.ctx.events.emit('event', { name: 'trade', tenantId: this.tenant.id, payload: t });
      return;
    }
    const orders: Order[] = [...this.orders.values()].map(orderToContract);
    const positions: Position[] = [...this.positions.values()].map(positionToContract);
    await this.ctx.journal.commit({
      tenantId: this.tenant.id,
      ...(this.tenant.fence ? { fence: this.tenant.fence } : {}),
      orders,
      fills: this.fills,
      ledgerEntries: this.ledger,
      decisions: this.decisions,
      positions,
      trades: this.trades,
      equitySnapshots: this.equity,
      alerts: this.alerts,
      ...(this.audit.length > 0 ? { auditEvents: this.audit } : {}),
    });
    this.ctx.stats.commits++;
    if (!this.ctx.events.has('event')) return this.reset();
    const tenantId = this.tenant.id;
    const out: EngineEvent[] = [];
    const tag = (profileId: string | null) => {
      const userId = this.user(profileId);
      return userId ? { tenantId, userId } : { tenantId };
    };
    for (const d of this.decisions) out.push({ name: 'decision', ...tag(d.profileId), payload: d });
    for (const o of orders) out.push({ name: 'order', ...tag(o.profileId), payload: o });
    for (const f of this.fills) out.push({ name: 'fill', ...tag(f.profileId), payload: f });
    for (const p of positions) out.push({ name: 'position', ...tag(p.profileId), payload: p });
    for (const t of this.trades) out.push({ name: 'trade', ...tag(t.profileId), payload: t });
    for (const a of this.alerts) out.push({ name: 'alert', ...tag(a.profileId), payload: a });
    this.reset();
    for (const e of out) this.ctx.events.emit('event', e);
  }

  private reset(): void {
    this.orders.clear();
    this.positions.clear();
    this.fills.length = 0;
    this.ledger.length = 0;
    this.decisions.length = 0;
    this.trades.length = 0;
    this.equity.length = 0;
    this.alerts.length = 0;
    this.audit.length = 0;
  }
}
