import type { Exchange } from 'ccxt';
import type { Clock } from '../../../ports/clock.js';
import type {
  ExecutionClient,
  OrderRef,
  SubmitOrderRequest,
  VenueBalance,
  VenueFill,
  VenueOrder,
  VenuePosition,
} from '../../../ports/execution-client.js';
import { type CallKind, classifyVenueError } from './classify.js';
import { decimal, toCcxtSymbol, toVenueFill, toVenueOrder } from './mapping.js';
import ccxt from 'ccxt';

export interface CcxtExecutionClientOptions {
  /** A configured ccxt exchange (keys, sandbox mode) built by the composition root. */
  readonly exchange: Exchange;
  readonly clock: Clock;
  /** Our symbols this account trades (reads that need a symbol iterate over these). */
  readonly symbols: readonly string[];
  readonly quoteCurrency?: string;
  /** The account is a live one (real money), not a sandbox. */
  readonly realMoney?: boolean;
}

/**
 * ExecutionClient over ccxt for real venues. Every venue failure becomes an ExecutionError
 * classified by ccxt error class (see classify.ts); a failed read throws, it never returns "no
 * orders" or "flat".
 */
export class CcxtExecutionClient implements ExecutionClient {
  readonly venue: string;
  readonly realMoney: boolean;
  private readonly ex: Exchange;
  private readonly clientIds = new Map<string, string>();
  private disposed = false;

  constructor(private readonly o: CcxtExecutionClientOptions) {
    this.ex = o.exchange;
    this.venue = o.exchange.id;
    this.realMoney = o.realMoney ?? false;
  }

  private async call<T>(kind: CallKind, fn: () => Promise<T>): Promise<T> {
    if (this.disposed)
      throw classifyVenueError(new ccxt.ExchangeClosedByUser('client disposed'), kind);
    try {
      return await fn();
    } catch (e) {
      throw classifyVenueError(e, kind);
    }
  }

  private remember(v: VenueOrder): VenueOrder {
    if (v.clientOrderId) this.clientIds.set(v.exchangeOrderId, v.clientOrderId);
    return v;
  }

  async connect(): Promise<void> {
    await this.call('read', () => this.ex.loadMarkets());
  }

  submitOrder(r: SubmitOrderRequest): Promise<VenueOrder> {
    return this.call('mutation', async () => {
      const symbol = toCcxtSymbol(r.symbol);
      const market = this.ex.market(symbol);
      const params: Record<string, unknown> = { clientOrderId: r.clientOrderId };
      if (r.reduceOnly && !market.spot) params.reduceOnly = true;
      if (r.type === 'STOP' && r.stopPrice) params.triggerPrice = Number(r.stopPrice);
      const type = r.type === 'LIMIT' ? 'limit' : 'market';
      const price = r.limitPrice === null ? undefined : Number(r.limitPrice);
      const o = await this.ex.createOrder(
        symbol,
        type,
        r.side === 'BUY' ? 'buy' : 'sell',
        Number(r.quantity),
        price,
        params,
      );
      const v = toVenueOrder(o, this.o.clock.now());
      return this.remember({ ...v, clientOrderId: v.clientOrderId || r.clientOrderId });
    });
  }

  cancelOrder(ref: OrderRef): Promise<VenueOrder> {
    return this.call('mutation', async () => {
      const o = await this.ex.cancelOrder('', toCcxtSymbol(ref.symbol), {
        clientOrderId: ref.clientOrderId,
      });
      const v = toVenueOrder(o, this.o.clock.now());
      return this.remember({
        ...v,
        clientOrderId: v.clientOrderId || ref.clientOrderId,
        status: v.status === 'SUBMITTED' ? 'CANCELLED' : v.status,
      });
    });
  }

  fetchOrderByClientId(ref: OrderRef): Promise<VenueOrder | null> {
    return this.call('read', async () => {
      try {
        const o = await this.ex.fetchOrder('', toCcxtSymbol(ref.symbol), {
          clientOrderId: ref.clientOrderId,
        });
        return this.remember(toVenueOrder(o, this.o.clock.now()));
      } catch (e) {
        // The venue answered that it does not know this order: a definite "never arrived".
        if (e instanceof ccxt.OrderNotFound) return null;
        throw e;
      }
    });
  }

  fetchOpenOrders(symbol?: string): Promise<VenueOrder[]> {
    return this.call('read', async () => {
      const out: VenueOrder[] = [];
      for (const s of symbol ? [symbol] : this.o.symbols) {
        for (const o of await this.ex.fetchOpenOrders(toCcxtSymbol(s)))
          out.push(this.remember(toVenueOrder(o, this.o.clock.now())));
      }
      return out;
    });
  }

  /** Spot accounts hold base currency rather than positions: the base balance is the position. */
  fetchPositions(): Promise<VenuePosition[]> {
    return this.call('read', async () => {
      const balance = await this.ex.fetchBalance();
      const totals = balance.total as unknown as Record<string, number | undefined>;
      return this.o.symbols.map((s) => {
        const base = this.ex.market(toCcxtSymbol(s)).base;
        return { symbol: s, quantity: decimal(totals[base] ?? 0) };
      });
    });
  }

  fetchBalances(): Promise<VenueBalance[]> {
    return this.call('read', async () => {
      const b = await this.ex.fetchBalance();
      const total = b.total as unknown as Record<string, number | undefined>;
      const free = b.free as unknown as Record<string, number | undefined>;
      return Object.keys(total)
        .sort()
        .map((currency) => ({
          currency,
          total: decimal(total[currency] ?? 0),
          free: decimal(free[currency] ?? 0),
        }));
    });
  }

  fetchFills(options: { since: number; symbol?: string }): Promise<VenueFill[]> {
    return this.call('read', async () => {
      const out: VenueFill[] = [];
      for (const s of options.symbol ? [options.symbol] : this.o.symbols) {
        const symbol = toCcxtSymbol(s);
        for (const t of await this.ex.fetchMyTrades(symbol, options.since)) {
          const orderId = String(t.order ?? '');
          let clientOrderId = this.clientIds.get(orderId);
          if (clientOrderId === undefined && orderId) {
            clientOrderId = toVenueOrder(
              await this.ex.fetchOrder(orderId, symbol),
              this.o.clock.now(),
            ).clientOrderId;
            this.clientIds.set(orderId, clientOrderId);
          }
          out.push(
            toVenueFill(t, {
              clientOrderId: clientOrderId ?? '',
              quote: this.ex.market(symbol).quote,
              fallbackNow: this.o.clock.now(),
            }),
          );
        }
      }
      return out.sort((a, b) => a.at - b.at || a.exchangeTradeId.localeCompare(b.exchangeTradeId));
    });
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.ex.close?.();
  }
}
