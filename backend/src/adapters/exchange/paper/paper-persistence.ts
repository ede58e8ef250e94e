import type { OrderStatus } from '@bytelyst/trading-contracts';
import { type Fixed, formatFixed, parseFixed } from '../../../domain/money/fixed.js';
import type {
  ExecutionReport,
  SubmitOrderRequest,
  VenueFill,
} from '../../../ports/execution-client.js';
import type { BookOrder } from './book-order.js';

/** One stored paper order (the venue's book row). */
export interface StoredPaperOrder {
  accountId: string;
  clientOrderId: string;
  exchangeOrderId: string;
  request: SubmitOrderRequest;
  status: OrderStatus;
  filled: string;
  filledValue: string;
  rejectReason: string | null;
  updatedAt: number;
  fillSeq: number;
}

export interface StoredPaperAccount {
  accountId: string;
  cash: string;
  positions: Record<string, string>;
}

/** Everything the venue changed since its last save, written in one transaction. */
export interface PaperVenueChange {
  accounts: StoredPaperAccount[];
  orders: StoredPaperOrder[];
  fills: { accountId: string; fill: VenueFill }[];
}

export interface PaperAccountRecord {
  account: StoredPaperAccount;
  orders: StoredPaperOrder[];
  fills: VenueFill[];
}

/** Where a durable paper venue keeps its books (the backend's database, its own tables). */
export interface PaperVenueStore {
  loadAccount(accountId: string): Promise<PaperAccountRecord | null>;
  save(change: PaperVenueChange): Promise<void>;
}

/** The parts of a paper account persistence reads and rebuilds. */
export interface PersistedAccount {
  readonly id: string;
  readonly orders: Map<string, BookOrder>;
  readonly working: Set<BookOrder>;
  readonly fills: VenueFill[];
  readonly positions: Map<string, Fixed>;
  cash: Fixed;
}

export const storedOrder = (accountId: string, o: BookOrder): StoredPaperOrder => ({
  accountId,
  clientOrderId: o.clientOrderId,
  exchangeOrderId: o.exchangeOrderId,
  request: o.request,
  status: o.status,
  filled: formatFixed(o.filled),
  filledValue: o.filledValue.toString(),
  rejectReason: o.rejectReason,
  updatedAt: o.updatedAt,
  fillSeq: o.fillSeq,
});

export const bookOrderOf = (r: StoredPaperOrder): BookOrder => ({
  clientOrderId: r.clientOrderId,
  exchangeOrderId: r.exchangeOrderId,
  request: r.request,
  quantity: parseFixed(r.request.quantity),
  limitPrice: r.request.limitPrice === null ? null : parseFixed(r.request.limitPrice),
  stopPrice: r.request.stopPrice === null ? null : parseFixed(r.request.stopPrice),
  status: r.status,
  filled: parseFixed(r.filled),
  filledValue: BigInt(r.filledValue),
  rejectReason: r.rejectReason,
  updatedAt: r.updatedAt,
  fillSeq: r.fillSeq,
  silent: false,
});

/** Replaces an account's contents with what the store holds (the object and its handlers stay). */
export function restoreAccount(a: PersistedAccount, rec: PaperAccountRecord): void {
  a.orders.clear();
  a.working.clear();
  for (const r of rec.orders) {
    const o = bookOrderOf(r);
    a.orders.set(o.clientOrderId, o);
    if (o.status === 'SUBMITTED' || o.status === 'PARTIALLY_FILLED') a.working.add(o);
  }
  a.fills.splice(0, a.fills.length, ...rec.fills);
  a.positions.clear();
  for (const [symbol, q] of Object.entries(rec.account.positions))
    a.positions.set(symbol, parseFixed(q));
  a.cash = parseFixed(rec.account.cash);
}

/**
 * Makes the paper venue behave like a real one across restarts: every change (an accepted order,
 * a fill, a cancel) is written to the store BEFORE the venue answers or reports it, so whatever
 * the engine has heard of survives the process. Saves run one at a time; a failed save keeps its
 * changes and its reports for the next attempt (the caller answers "outcome unknown" meanwhile).
 */
export class PaperPersistence<A extends PersistedAccount> {
  private orders = new Map<string, { a: A; o: BookOrder }>();
  private accounts = new Set<A>();
  private fills: { a: A; f: VenueFill }[] = [];
  private outbox: { a: A; r: ExecutionReport }[] = [];
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;

  constructor(
    private readonly store: PaperVenueStore,
    private readonly deliver: (a: A, r: ExecutionReport) => void,
  ) {}

  order(a: A, o: BookOrder): void {
    this.orders.set(`${a.id}|${o.clientOrderId}`, { a, o });
  }

  account(a: A): void {
    this.accounts.add(a);
  }

  fill(a: A, f: VenueFill): void {
    this.fills.push({ a, f });
  }

  hold(a: A, r: ExecutionReport): void {
    this.outbox.push({ a, r });
  }

  /** Saves everything changed so far, then delivers the reports those changes produced. */
  flush(): Promise<void> {
    // Callers before the queued save starts share it: one write per burst of changes.
    if (this.queued) return this.queued;
    const p = this.chain.then(() => {
      this.queued = null;
      return this.saveNow();
    });
    this.queued = p;
    this.chain = p.catch(() => undefined);
    return p;
  }

  load(accountId: string): Promise<PaperAccountRecord | null> {
    return this.store.loadAccount(accountId);
  }

  private async saveNow(): Promise<void> {
    if (this.orders.size + this.accounts.size + this.fills.length + this.outbox.length === 0)
      return;
    const orders = this.orders;
    const accounts = this.accounts;
    const fills = this.fills;
    const outbox = this.outbox;
    this.orders = new Map();
    this.accounts = new Set();
    this.fills = [];
    this.outbox = [];
    const change: PaperVenueChange = {
      orders: [...orders.values()].map(({ a, o }) => storedOrder(a.id, o)),
      accounts: [...accounts].map((a) => ({
        accountId: a.id,
        cash: formatFixed(a.cash),
        positions: Object.fromEntries(
          [...a.positions.entries()].map(([s, q]) => [s, formatFixed(q)]),
        ),
      })),
      fills: fills.map(({ a, f }) => ({ accountId: a.id, fill: f })),
    };
    try {
      if (change.orders.length + change.accounts.length + change.fills.length > 0)
        await this.store.save(change);
    } catch (e) {
      for (const [k, v] of orders) if (!this.orders.has(k)) this.orders.set(k, v);
      for (const a of accounts) this.accounts.add(a);
      this.fills = [...fills, ...this.fills];
      this.outbox = [...outbox, ...this.outbox];
      throw e;
    }
    for (const { a, r } of outbox) this.deliver(a, r);
  }
}
