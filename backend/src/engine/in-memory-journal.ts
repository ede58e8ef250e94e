import {
  AppError,
  type Alert,
  type Decision,
  type EquitySnapshot,
  type Fill,
  type LedgerEntry,
  type Order,
  type Trade,
  type TradingProfile,
} from '@bytelyst/trading-contracts';
import { parseFixed, formatFixed } from '../domain/money/fixed.js';
import type {
  AuditEventDraft,
  Fence,
  JournalBatch,
  StoredPosition,
  JournalSnapshot,
  LedgerBalance,
  LoadOptions,
  TradingJournal,
} from '../ports/journal.js';

interface TenantTables {
  profiles: Map<string, TradingProfile>;
  orders: Map<string, Order>;
  fills: Map<string, Fill>;
  ledger: LedgerEntry[];
  decisions: Decision[];
  positions: Map<string, StoredPosition>;
  trades: Trade[];
  equity: EquitySnapshot[];
  alerts: Alert[];
  audit: AuditEventDraft[];
}

/**
 * The journal in memory, for backtests and unit tests. It keeps the store's promises: a batch is
 * all-or-nothing, fills are unique by (orderId, exchangeTradeId), every ledger transaction must
 * balance, and a stale fence is refused.
 */
export class InMemoryJournal implements TradingJournal {
  private readonly tenants = new Map<string, TenantTables>();
  private readonly leases = new Map<string, Fence>();
  commits = 0;

  constructor(private readonly options: { keepHoldDecisions?: boolean } = {}) {}

  tables(tenantId: string): TenantTables {
    let t = this.tenants.get(tenantId);
    if (!t) {
      t = {
        profiles: new Map(),
        orders: new Map(),
        fills: new Map(),
        ledger: [],
        decisions: [],
        positions: new Map(),
        trades: [],
        equity: [],
        alerts: [],
        audit: [],
      };
      this.tenants.set(tenantId, t);
    }
    return t;
  }

  putProfile(profile: TradingProfile): void {
    this.tables(profile.tenantId).profiles.set(profile.id, profile);
  }

  /** Test helper: who holds the tenant's lease now. */
  setLease(tenantId: string, fence: Fence): void {
    this.leases.set(tenantId, fence);
  }

  async commit(batch: JournalBatch): Promise<void> {
    if (batch.fence) {
      const held = this.leases.get(batch.tenantId);
      if (
        held &&
        (held.instanceId !== batch.fence.instanceId || held.epoch !== batch.fence.epoch)
      ) {
        throw new AppError('CONFLICT', 'fenced');
      }
    }
    const sums = new Map<string, bigint>();
    for (const e of batch.ledgerEntries) {
      if (e.tenantId !== batch.tenantId)
        throw new AppError('VALIDATION_FAILED', 'journal batch mixes tenants');
      sums.set(e.transactionId, (sums.get(e.transactionId) ?? 0n) + parseFixed(e.amount));
    }
    for (const [tx, s] of sums) {
      if (s !== 0n)
        throw new AppError('INTERNAL', `unbalanced ledger transaction ${tx}: ${formatFixed(s)}`);
    }
    const t = this.tables(batch.tenantId);
    this.commits++;
    for (const o of batch.orders) t.orders.set(o.id, o);
    for (const f of batch.fills) {
      const key = `${f.orderId}|${f.exchangeTradeId}`;
      if (!t.fills.has(key)) t.fills.set(key, f);
    }
    t.ledger.push(...batch.ledgerEntries);
    for (const d of batch.decisions) {
      if (d.action !== 'HOLD' || this.options.keepHoldDecisions) t.decisions.push(d);
    }
    for (const p of batch.positions) t.positions.set(`${p.profileId}|${p.symbol}`, p);
    t.trades.push(...batch.trades);
    t.equity.push(...batch.equitySnapshots);
    t.alerts.push(...batch.alerts);
    t.audit.push(...(batch.auditEvents ?? []));
    for (const b of batch.profileBlocks ?? []) {
      const p = t.profiles.get(b.profileId);
      if (p) t.profiles.set(p.id, { ...p, blockedReason: b.blockedReason });
    }
  }

  async load(tenantId: string, options: LoadOptions): Promise<JournalSnapshot> {
    const t = this.tables(tenantId);
    const openOrders = [...t.orders.values()].filter(
      (o) =>
        o.outcomeUnknown ||
        o.status === 'NEW' ||
        o.status === 'SUBMITTED' ||
        o.status === 'PARTIALLY_FILLED',
    );
    const openIds = new Set(openOrders.map((o) => o.id));
    const balances = new Map<string, LedgerBalance>();
    for (const e of t.ledger) {
      const key = `${e.profileId}|${e.account}|${e.currency}`;
      const prev = balances.get(key);
      const sum = (prev ? parseFixed(prev.balance) : 0n) + parseFixed(e.amount);
      balances.set(key, {
        profileId: e.profileId,
        account: e.account,
        currency: e.currency,
        balance: formatFixed(sum),
      });
    }
    const equity = [...t.profiles.keys()].map((profileId) => {
      const snaps = t.equity.filter((s) => s.profileId === profileId);
      const peak = snaps.reduce<bigint | null>((m, s) => {
        const v = parseFixed(s.equity);
        return m === null || v > m ? v : m;
      }, null);
      return {
        profileId,
        last: snaps.at(-1) ?? null,
        peakEquity: peak === null ? null : formatFixed(peak),
      };
    });
    return {
      profiles: [...t.profiles.values()],
      openOrders,
      fillsOfOpenOrders: [...t.fills.values()].filter((f) => openIds.has(f.orderId)),
      positions: [...t.positions.values()],
      ledgerBalances: [...balances.values()],
      equity,
      recentTrades: t.trades.filter((tr) => Date.parse(tr.closedAt) >= options.tradesSince),
      modelDriftAlerts: t.alerts
        .filter((a) => a.code === 'MODEL_DRIFT' && a.resolvedAt === null)
        .map((a) => ({ id: a.id, message: a.message })),
    };
  }

  async findOrder(
    tenantId: string,
    clientOrderId: string,
  ): Promise<{ order: Order; fills: readonly Fill[] } | null> {
    const t = this.tables(tenantId);
    const order = [...t.orders.values()].find((o) => o.clientOrderId === clientOrderId);
    if (!order) return null;
    return { order, fills: [...t.fills.values()].filter((f) => f.orderId === order.id) };
  }

  async pruneHoldDecisions(before: number): Promise<number> {
    let n = 0;
    for (const t of this.tenants.values()) {
      const keep = t.decisions.filter(
        (d) => d.action !== 'HOLD' || Date.parse(d.createdAt) >= before,
      );
      n += t.decisions.length - keep.length;
      t.decisions = keep;
    }
    return n;
  }
}

/** A journal that keeps nothing: backtests with persistence off. */
export class NullJournal implements TradingJournal {
  readonly discardsWrites = true;
  async commit(): Promise<void> {}
  async load(): Promise<JournalSnapshot> {
    return {
      profiles: [],
      openOrders: [],
      fillsOfOpenOrders: [],
      positions: [],
      ledgerBalances: [],
      equity: [],
      recentTrades: [],
      modelDriftAlerts: [],
    };
  }
  async findOrder(): Promise<null> {
    return null;
  }
}
