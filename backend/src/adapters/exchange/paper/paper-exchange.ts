import { AppError } from '@bytelyst/trading-contracts';
import {
  type Fixed,
  SCALE,
  ZERO,
  divRound,
  formatFixed,
  mul,
  parseFixed,
  roundToStep,
} from '../../../domain/money/fixed.js';
import {
  type InstrumentSpec,
  priceFromNumber,
  roundQuantity,
  toInstrumentSpec,
} from '../../../domain/money/instrument.js';
import type { Clock } from '../../../ports/clock.js';
import {
  ExecutionError,
  type ExecutionReport,
  type SimulatedVenue,
  type SubmitOrderRequest,
  type VenueFill,
  type VenueOrder,
} from '../../../ports/execution-client.js';
import { type BookOrder, rejectReasonFor, viewOf } from './book-order.js';
import { FaultPlan, type PaperFault } from './faults.js';
import type { PaperExchangeOptions } from './paper-exchange-options.js';
import { PaidCosts, SlippageTerms, feeOf, workingMarketOrders } from './market-fill-price.js';
import type { PaperAccount, PaperVenue } from './paper-account.js';
import { PaperPersistence, restoreAccount } from './paper-persistence.js';
import { PaperExecutionClient } from './paper-execution-client.js';

export type { PaperExchangeOptions } from './paper-exchange-options.js';

/**
 * A simulated venue: market, limit and stop orders, fees, slippage, partial fills, latency and
 * switchable faults. Its state lives in this object, apart from any engine, so a test can kill
 * the engine and ask the exchange what really happened.
 */
export type { PaperAccount } from './paper-account.js';

export class PaperExchange implements PaperVenue, SimulatedVenue {
  readonly faults = new FaultPlan();
  private readonly clock: Clock;
  private readonly specs = new Map<string, InstrumentSpec>();
  /** Last price per symbol as a float; exact values are derived only when an order needs one. */
  private readonly lastFloat = new Map<string, number>();
  private readonly lastExact = new Map<string, Fixed>();
  private readonly accounts = new Map<string, PaperAccount>();
  private readonly delayed: {
    at: number;
    seq: number;
    account: PaperAccount;
    report: ExecutionReport;
  }[] = [];
  private readonly taker: Fixed;
  private readonly maker: Fixed;
  private readonly slippage: SlippageTerms;
  private readonly deferMarket: boolean;
  /** True while `openCandle` fills the market orders that waited for it. */
  private opening = false;
  private readonly checkCash: boolean;
  private readonly paid = new PaidCosts();
  private readonly latencyMs: number;
  private readonly parts: number;
  private readonly limitRatio: Fixed;
  readonly quoteCurrency: string;
  private readonly startingCash: Fixed;
  private orderSeq = 0;
  private reportSeq = 0;
  private duplicateNext = false;
  private reverseNext = false;
  private readonly durable: PaperPersistence<PaperAccount> | null;

  constructor(o: PaperExchangeOptions) {
    this.clock = o.clock;
    for (const i of o.instruments) this.specs.set(i.symbol, toInstrumentSpec(i));
    this.taker = parseFixed(o.takerFeeRate ?? '0.001');
    this.maker = parseFixed(o.makerFeeRate ?? '0.0005');
    this.slippage = new SlippageTerms(
      o.slippageModel ?? { kind: 'fixed_bps', bps: o.slippageBps ?? 2 },
    );
    this.deferMarket = o.marketFills === 'next_open';
    this.checkCash = o.checkCash === true;
    this.latencyMs = o.latencyMs ?? 0;
    this.parts = Math.max(1, o.marketFillParts ?? 1);
    this.limitRatio = parseFixed(o.limitFillRatio ?? '1');
    this.quoteCurrency = o.quoteCurrency ?? 'USD';
    this.startingCash = parseFixed(o.startingCash ?? '1000000');
    this.durable = o.store
      ? new PaperPersistence<PaperAccount>(o.store, (a, r) => this.deliver(a, r))
      : null;
  }

  /**
   * A client connects to an account. A durable venue first saves what it holds, then reloads the
   * account from its store: the store is then the truth, including what another instance that
   * held this tenant's loop before wrote. A failed save keeps the memory copy (it is newer).
   */
  async attach(a: PaperAccount): Promise<void> {
    a.attached++;
    if (!this.durable) return;
    try {
      await this.durable.flush();
    } catch {
      return;
    }
    const rec = await this.durable.load(a.id);
    if (!rec) return;
    restoreAccount(a, rec);
    for (const o of a.orders.values()) {
      const n = Number(o.exchangeOrderId.replace(/^P/, ''));
      if (Number.isFinite(n) && n > this.orderSeq) this.orderSeq = n;
    }
  }

  detach(a: PaperAccount): void {
    a.attached = Math.max(0, a.attached - 1);
  }

  /**
   * Resolves once every change so far is stored and its reports delivered (at once when the
   * venue is not durable). A failed save means the answer may not survive a restart: the
   * caller's outcome is unknown, and it settles it later by asking, as with a timeout.
   */
  settle(): Promise<void> | null {
    if (!this.durable) return null;
    return this.durable.flush().catch(() => {
      throw new ExecutionError({ kind: 'outcome-unknown', venueCode: 'VENUE_STORE_UNAVAILABLE' });
    });
  }

  injectFault(fault: PaperFault, times = 1): void {
    this.faults.inject(fault, times);
  }

  /** An ExecutionClient bound to one account (one per tenant). */
  client(accountId: string): PaperExecutionClient {
    return new PaperExecutionClient(this, this.account(accountId));
  }

  account(id: string): PaperAccount {
    let a = this.accounts.get(id);
    if (!a) {
      a = {
        id,
        orders: new Map(),
        working: new Set(),
        fills: [],
        positions: new Map(),
        cash: this.startingCash,
        handlers: new Set(),
        attached: 0,
      };
      this.accounts.set(id, a);
    }
    return a;
  }

  lastPrice(symbol: string): Fixed | undefined {
    const exact = this.lastExact.get(symbol);
    if (exact !== undefined) return exact;
    const f = this.lastFloat.get(symbol);
    const spec = this.specs.get(symbol);
    if (f === undefined || !spec) return undefined;
    const p = priceFromNumber(spec, f);
    this.lastExact.set(symbol, p);
    return p;
  }

  /** A new last price: resting limit and stop orders are checked, delayed reports delivered. */
  setPrice(symbol: string, price: number): void {
    const spec = this.specs.get(symbol);
    if (!spec) return;
    this.lastFloat.set(symbol, price);
    this.lastExact.delete(symbol);
    for (const a of this.accounts.values()) {
      // A durable account nobody is connected to may be traded by another instance now.
      if (a.working.size === 0 || (this.durable && a.attached === 0)) continue;
      for (const o of [...a.working]) if (o.request.symbol === symbol) this.work(a, o);
    }
    this.flush();
  }

  /**
   * A candle closed: its close is the last price (as `setPrice`), and its range is what
   * `range_bps` slippage scales with for orders placed after it.
   */
  setCandle(bar: { symbol: string; high: number; low: number; close: number }): void {
    const spec = this.specs.get(bar.symbol);
    if (spec) this.slippage.noteCandle(spec, bar);
    this.setPrice(bar.symbol, bar.close);
  }

  /**
   * A candle opened (`next_open` fills): its open is the last price and every market order
   * waiting for it fills there. True when an order was waiting (the caller lets the engine book
   * the reports before the candle closes).
   */
  openCandle(symbol: string, open: number): boolean {
    if (!this.deferMarket || workingMarketOrders(this.accounts.values(), symbol) === 0)
      return false;
    this.opening = true;
    try {
      this.setPrice(symbol, open);
    } finally {
      this.opening = false;
    }
    return true;
  }

  /** Market orders still waiting for an open (the data ended before one came). */
  waitingMarketOrders(): number {
    return workingMarketOrders(this.accounts.values());
  }

  costs(): ReturnType<PaidCosts['snapshot']> {
    return this.paid.snapshot();
  }

  /** Delivers every delayed report that is due by the clock. */
  flush(): void {
    const now = this.clock.now();
    this.delayed.sort((x, y) => x.at - y.at || x.seq - y.seq);
    while (this.delayed.length > 0 && (this.delayed[0]?.at ?? Infinity) <= now) {
      const d = this.delayed.shift();
      if (d) for (const h of d.account.handlers) h(d.report);
    }
  }

  submit(a: PaperAccount, req: SubmitOrderRequest): VenueOrder {
    if (this.faults.take('http-429')) {
      throw new ExecutionError({ kind: 'retryable', venueCode: 'HTTP_429', retryAfterMs: 1000 });
    }
    if (this.faults.take('http-5xx'))
      throw new ExecutionError({ kind: 'retryable', venueCode: 'HTTP_503' });
    if (this.faults.take('timeout-before-landed')) {
      throw new ExecutionError({ kind: 'outcome-unknown', venueCode: 'TIMEOUT' });
    }
    const spec = this.specs.get(req.symbol);
    if (!spec) throw new ExecutionError({ kind: 'non-retryable', venueCode: 'BAD_SYMBOL' });
    if (a.orders.has(req.clientOrderId)) {
      throw new ExecutionError({ kind: 'non-retryable', venueCode: 'DUPLICATE_CLIENT_ORDER_ID' });
    }
    const quantity = parseFixed(req.quantity);
    const limitPrice = req.limitPrice === null ? null : parseFixed(req.limitPrice);
    const stopPrice = req.stopPrice === null ? null : parseFixed(req.stopPrice);
    const now = this.clock.now();
    const o: BookOrder = {
      clientOrderId: req.clientOrderId,
      exchangeOrderId: `P${++this.orderSeq}`,
      request: req,
      quantity,
      limitPrice,
      stopPrice,
      status: 'SUBMITTED',
      filled: ZERO,
      filledValue: 0n,
      rejectReason: null,
      updatedAt: now,
      fillSeq: 0,
      silent: false,
    };
    a.orders.set(o.clientOrderId, o);
    this.durable?.order(a, o);
    const reason = rejectReasonFor({
      position: a.positions.get(o.request.symbol) ?? ZERO,
      order: o,
      spec,
    });
    if (reason !== null || this.faults.take('reject')) {
      o.status = 'REJECTED';
      o.rejectReason = reason ?? 'REJECTED_BY_VENUE';
      this.report(a, { kind: 'order', order: this.view(o) });
      return this.view(o);
    }
    const timeoutAfter = this.faults.take('timeout-after-landed');
    o.silent = timeoutAfter;
    this.duplicateNext = this.faults.take('duplicate-fill');
    this.reverseNext = this.faults.take('out-of-order-fill');
    this.report(a, { kind: 'order', order: this.view(o) });
    a.working.add(o);
    this.slippage.noteOrder(o);
    this.work(a, o);
    this.duplicateNext = false;
    this.reverseNext = false;
    o.silent = false;
    if (timeoutAfter) throw new ExecutionError({ kind: 'outcome-unknown', venueCode: 'TIMEOUT' });
    return this.view(o);
  }

  cancel(a: PaperAccount, clientOrderId: string): VenueOrder {
    const o = a.orders.get(clientOrderId);
    if (!o) throw new ExecutionError({ kind: 'non-retryable', venueCode: 'ORDER_NOT_FOUND' });
    if (o.status === 'SUBMITTED' || o.status === 'PARTIALLY_FILLED') {
      a.working.delete(o);
      o.status = 'CANCELLED';
      o.updatedAt = this.clock.now();
      this.durable?.order(a, o);
      this.report(a, { kind: 'order', order: this.view(o) });
    }
    if (this.faults.take('cancel-timeout'))
      throw new ExecutionError({ kind: 'outcome-unknown', venueCode: 'TIMEOUT' });
    return this.view(o);
  }

  query(): void {
    if (this.faults.take('query-failure'))
      throw new ExecutionError({ kind: 'retryable', venueCode: 'HTTP_502' });
  }

  find(a: PaperAccount, clientOrderId: string): VenueOrder | null {
    const o = a.orders.get(clientOrderId);
    return o ? this.view(o) : null;
  }

  openOrders(a: PaperAccount, symbol?: string): VenueOrder[] {
    return [...a.working]
      .filter((o) => !symbol || o.request.symbol === symbol)
      .map((o) => this.view(o));
  }

  report(a: PaperAccount, report: ExecutionReport): void {
    const o = a.orders.get(
      report.kind === 'order' ? report.order.clientOrderId : report.fill.clientOrderId,
    );
    if (o?.silent) return;
    if (this.durable) {
      // Reported only once stored: nothing the engine hears of can be lost by a restart.
      this.durable.hold(a, report);
      void this.durable.flush().catch(() => undefined);
      return;
    }
    this.deliver(a, report);
  }

  private deliver(a: PaperAccount, report: ExecutionReport): void {
    if (this.latencyMs > 0) {
      this.delayed.push({
        at: this.clock.now() + this.latencyMs,
        seq: this.reportSeq++,
        account: a,
        report,
      });
      return;
    }
    for (const h of a.handlers) h(report);
  }

  /** Executes what the current price allows for one open order. */
  private work(a: PaperAccount, o: BookOrder): void {
    const spec = this.specs.get(o.request.symbol);
    const last = this.lastPrice(o.request.symbol);
    if (!spec || last === undefined) return;
    const buy = o.request.side === 'BUY';
    if (o.request.type === 'STOP' && o.stopPrice !== null) {
      const triggered = buy ? last >= o.stopPrice : last <= o.stopPrice;
      if (!triggered) return;
    }
    if (o.request.type === 'LIMIT' && o.limitPrice !== null) {
      const marketable = buy ? last <= o.limitPrice : last >= o.limitPrice;
      if (!marketable) return;
      const remaining = o.quantity - o.filled;
      let q =
        this.limitRatio >= SCALE
          ? remaining
          : roundQuantity(spec, mul(remaining, this.limitRatio, 'floor'));
      if (q < spec.lot) q = remaining;
      this.fill(a, o, [[q, o.limitPrice]], 'maker');
      return;
    }
    if (this.deferMarket && !this.opening) return;
    const price = this.slippage.fillPrice({ spec, last, order: o });
    const remaining = o.quantity - o.filled;
    const notional = mul(remaining, price);
    if (this.checkCash && buy && notional + feeOf(notional, this.taker) > a.cash) {
      a.working.delete(o);
      o.status = 'REJECTED';
      o.rejectReason = 'INSUFFICIENT_FUNDS';
      this.paid.refusedAtFill('INSUFFICIENT_FUNDS');
      o.updatedAt = this.clock.now();
      this.durable?.order(a, o);
      this.report(a, { kind: 'order', order: this.view(o) });
      return;
    }
    const chunks: [Fixed, Fixed][] = [];
    const parts = this.reverseNext ? Math.max(2, this.parts) : this.parts;
    let left = remaining;
    for (let i = parts; i > 1 && left > spec.lot; i--) {
      const q = roundToStep(divRound(left, BigInt(i), 'trunc'), spec.lot, 'trunc');
      if (q <= 0n) break;
      chunks.push([q, price]);
      left -= q;
    }
    chunks.push([left, price]);
    this.paid.slip(remaining, price, last);
    this.fill(a, o, chunks, 'taker');
  }

  private fill(
    a: PaperAccount,
    o: BookOrder,
    chunks: [Fixed, Fixed][],
    liquidity: 'maker' | 'taker',
  ): void {
    const now = this.clock.now();
    const rate = liquidity === 'maker' ? this.maker : this.taker;
    const fills: VenueFill[] = [];
    for (const [q, p] of chunks) {
      const fee = feeOf(mul(q, p), rate);
      this.paid.fee(fee);
      const signed = o.request.side === 'BUY' ? q : -q;
      a.positions.set(o.request.symbol, (a.positions.get(o.request.symbol) ?? ZERO) + signed);
      a.cash += -mul(signed, p) - fee;
      o.filled += q;
      o.filledValue += q * p;
      o.updatedAt = now;
      o.status = o.filled === o.quantity ? 'FILLED' : 'PARTIALLY_FILLED';
      if (o.status === 'FILLED') a.working.delete(o);
      const f: VenueFill = {
        exchangeTradeId: `${o.exchangeOrderId}-${++o.fillSeq}`,
        clientOrderId: o.clientOrderId,
        exchangeOrderId: o.exchangeOrderId,
        symbol: o.request.symbol,
        side: o.request.side,
        quantity: formatFixed(q),
        price: formatFixed(p),
        fee: formatFixed(fee),
        feeCurrency: this.quoteCurrency,
        liquidity,
        at: now,
      };
      a.fills.push(f);
      fills.push(f);
      this.durable?.fill(a, f);
    }
    this.durable?.order(a, o);
    this.durable?.account(a);
    const order = { kind: 'order', order: this.view(o) } as const;
    const reports: ExecutionReport[] = fills.map((fill) => ({ kind: 'fill', fill }));
    if (this.reverseNext) reports.reverse();
    for (const r of reports) {
      this.report(a, r);
      if (this.duplicateNext) this.report(a, r);
    }
    this.report(a, order);
  }

  view(o: BookOrder): VenueOrder {
    return viewOf(o);
  }

  assertKnown(symbol: string): void {
    if (!this.specs.has(symbol)) throw new AppError('NOT_FOUND', `unknown symbol ${symbol}`);
  }
}
