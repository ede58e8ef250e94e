import { formatFixed } from '../../../domain/money/fixed.js';
import {
  type ExecutionClient,
  ExecutionError,
  type ExecutionReport,
  type OrderRef,
  type SubmitOrderRequest,
  type VenueBalance,
  type VenueFill,
  type VenueOrder,
  type VenuePosition,
} from '../../../ports/execution-client.js';
import type { PaperAccount, PaperVenue } from './paper-account.js';

/** The ExecutionClient of one paper account. Calls resolve asynchronously, like a real venue's. */
export class PaperExecutionClient implements ExecutionClient {
  readonly venue = 'paper';
  private disposed = false;
  private readonly subs = new Set<(r: ExecutionReport) => void>();

  constructor(
    private readonly exchange: PaperVenue,
    private readonly account: PaperAccount,
  ) {}

  private live(): void {
    if (this.disposed) throw new ExecutionError({ kind: 'fatal', venueCode: 'CLIENT_DISPOSED' });
  }

  private attached = false;

  async connect(): Promise<void> {
    this.live();
    if (this.attached) return;
    this.attached = true;
    await this.exchange.attach(this.account);
  }

  async submitOrder(request: SubmitOrderRequest): Promise<VenueOrder> {
    this.live();
    const answer = this.exchange.submit(this.account, request);
    const stored = this.exchange.settle();
    if (stored) await stored;
    return answer;
  }

  async cancelOrder(ref: OrderRef): Promise<VenueOrder> {
    this.live();
    const answer = this.exchange.cancel(this.account, ref.clientOrderId);
    const stored = this.exchange.settle();
    if (stored) await stored;
    return answer;
  }

  async fetchOrderByClientId(ref: OrderRef): Promise<VenueOrder | null> {
    this.live();
    this.exchange.query();
    return this.exchange.find(this.account, ref.clientOrderId);
  }

  async fetchOpenOrders(symbol?: string): Promise<VenueOrder[]> {
    this.live();
    this.exchange.query();
    return this.exchange.openOrders(this.account, symbol);
  }

  async fetchPositions(): Promise<VenuePosition[]> {
    this.live();
    this.exchange.query();
    return [...this.account.positions.entries()]
      .filter(([, q]) => q !== 0n)
      .map(([symbol, q]) => ({ symbol, quantity: formatFixed(q) }));
  }

  async fetchBalances(): Promise<VenueBalance[]> {
    this.live();
    this.exchange.query();
    const cash = formatFixed(this.account.cash);
    return [{ currency: this.exchange.quoteCurrency, total: cash, free: cash }];
  }

  async fetchFills(options: { since: number; symbol?: string }): Promise<VenueFill[]> {
    this.live();
    this.exchange.query();
    return this.account.fills.filter(
      (f) => f.at >= options.since && (!options.symbol || f.symbol === options.symbol),
    );
  }

  onReport(handler: (report: ExecutionReport) => void): () => void {
    this.account.handlers.add(handler);
    this.subs.add(handler);
    return () => {
      this.account.handlers.delete(handler);
      this.subs.delete(handler);
    };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.attached) this.exchange.detach(this.account);
    for (const h of this.subs) this.account.handlers.delete(h);
    this.subs.clear();
  }
}
