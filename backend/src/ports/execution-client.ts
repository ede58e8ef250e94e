import { AppError, type OrderStatus, type OrderType, type Side } from '@bytelyst/trading-contracts';

/**
 * What the engine asks a venue to do. Amounts are decimal strings already rounded to the
 * instrument's tick and lot; `clientOrderId` is deterministic and is the key by which the engine
 * settles any doubt about the order (never by resending).
 */
export interface SubmitOrderRequest {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly quantity: string;
  readonly limitPrice: string | null;
  readonly stopPrice: string | null;
  readonly reduceOnly: boolean;
}

/** The venue's view of one order. */
export interface VenueOrder {
  readonly clientOrderId: string;
  readonly exchangeOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly quantity: string;
  readonly limitPrice: string | null;
  readonly stopPrice: string | null;
  readonly status: OrderStatus;
  readonly filledQuantity: string;
  readonly averageFillPrice: string | null;
  readonly rejectReason: string | null;
  /** ms epoch */
  readonly updatedAt: number;
}

/** One execution at the venue. (clientOrderId, exchangeTradeId) identifies it. */
export interface VenueFill {
  readonly exchangeTradeId: string;
  readonly clientOrderId: string;
  readonly exchangeOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: string;
  readonly price: string;
  readonly fee: string;
  readonly feeCurrency: string;
  readonly liquidity: 'maker' | 'taker';
  /** ms epoch */
  readonly at: number;
}

/** Net position at the venue, signed (positive long). */
export interface VenuePosition {
  readonly symbol: string;
  readonly quantity: string;
}

export interface VenueBalance {
  readonly currency: string;
  readonly total: string;
  readonly free: string;
}

export type ExecutionReport =
  | { readonly kind: 'order'; readonly order: VenueOrder }
  | { readonly kind: 'fill'; readonly fill: VenueFill };

/**
 * How the engine must treat a failed call:
 * - retryable: nothing happened; the same call may be repeated later (429, 5xx before landing).
 * - non-retryable: the venue refused this request (bad symbol, insufficient funds); do not repeat.
 * - fatal: the client cannot work (bad credentials, venue gone); stop and alert.
 * - outcome-unknown: the request may or may not have landed; settle by fetchOrderByClientId.
 */
export type ExecutionErrorKind = 'retryable' | 'non-retryable' | 'fatal' | 'outcome-unknown';

const CODE_BY_KIND = {
  retryable: 'EXCHANGE_UNAVAILABLE',
  'non-retryable': 'UNPROCESSABLE',
  fatal: 'EXCHANGE_UNAVAILABLE',
  'outcome-unknown': 'EXCHANGE_UNAVAILABLE',
} as const;

export class ExecutionError extends AppError {
  readonly kind: ExecutionErrorKind;
  /** The venue's own code or error class name, kept for logs and tests. */
  readonly venueCode: string;
  readonly retryAfterMs: number | undefined;

  constructor(options: {
    kind: ExecutionErrorKind;
    venueCode: string;
    message?: string;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super(CODE_BY_KIND[options.kind], options.message ?? `${options.kind}: ${options.venueCode}`, {
      cause: options.cause,
    });
    this.name = 'ExecutionError';
    this.kind = options.kind;
    this.venueCode = options.venueCode;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export const isExecutionError = (e: unknown): e is ExecutionError => e instanceof ExecutionError;

export interface OrderRef {
  readonly clientOrderId: string;
  readonly symbol: string;
}

/**
 * One trading account at one venue. Every method either returns the venue's answer or throws an
 * ExecutionError; a failed query is never returned as "no orders" or "flat".
 */
export interface ExecutionClient {
  readonly venue: string;
  /**
   * True when its orders move real money (a live venue account). Absent or false: paper, a
   * backtest or a venue's sandbox. Rules guarding real money (approved models) read it.
   */
  readonly realMoney?: boolean;
  connect(): Promise<void>;
  /** Resolves with the venue's acknowledgement (which may already carry fills). */
  submitOrder(request: SubmitOrderRequest): Promise<VenueOrder>;
  cancelOrder(ref: OrderRef): Promise<VenueOrder>;
  /** null means the venue answered and does not know this client order id. */
  fetchOrderByClientId(ref: OrderRef): Promise<VenueOrder | null>;
  fetchOpenOrders(symbol?: string): Promise<VenueOrder[]>;
  fetchPositions(): Promise<VenuePosition[]>;
  fetchBalances(): Promise<VenueBalance[]>;
  /** Fills at or after `since` (ms epoch), oldest first. */
  fetchFills(options: { since: number; symbol?: string }): Promise<VenueFill[]>;
  /** Push reports (fills, order updates) where the venue has them; returns unsubscribe. */
  onReport?(handler: (report: ExecutionReport) => void): () => void;
  /** Safe to call twice. */
  dispose(): Promise<void>;
}

/**
 * The client of one venue account of a tenant. `accountId` null is the tenant's built-in paper
 * account; any other id is a venue account of that tenant (its own keys, never another's).
 * The engine owns (and disposes) what it is given.
 */
export type ExecutionClientProvider = (
  tenantId: string,
  accountId: string | null,
) => ExecutionClient | Promise<ExecutionClient>;

/**
 * A venue simulated in-process (a backtest's): it hands out one client per account and fills
 * against the price it is told, so the replay decides when the market moves.
 */
export interface SimulatedVenue {
  client(accountId: string): ExecutionClient;
  setPrice(symbol: string, price: number): void;
  /** A candle closed: its close becomes the last price (and its range feeds slippage models). */
  setCandle(bar: { symbol: string; high: number; low: number; close: number }): void;
  /**
   * A candle opened: market orders waiting for the next open fill at it. True when an order
   * was waiting (its reports may need booking before the candle closes).
   */
  openCandle(symbol: string, open: number): boolean;
  /** Market orders still waiting for an open. */
  waitingMarketOrders(): number;
  /** What every fill so far cost beyond its reference price, exact, and orders refused at a fill. */
  costs(): { fees: string; slippage: string; refusedAtFill: Record<string, number> };
}
