import type { Fixed } from '../../../domain/money/fixed.js';
import type {
  ExecutionReport,
  SubmitOrderRequest,
  VenueFill,
  VenueOrder,
} from '../../../ports/execution-client.js';
import type { BookOrder } from './book-order.js';

export interface PaperAccount {
  readonly id: string;
  readonly orders: Map<string, BookOrder>;
  /** Orders still working (SUBMITTED or PARTIALLY_FILLED), checked on every price update. */
  readonly working: Set<BookOrder>;
  readonly fills: VenueFill[];
  readonly positions: Map<string, Fixed>;
  cash: Fixed;
  readonly handlers: Set<(r: ExecutionReport) => void>;
  /** Connected clients. A durable venue works only attached accounts' orders (see setPrice). */
  attached: number;
}

/**
 * What an account's client asks of the paper venue. The client depends on this, not on the
 * PaperExchange class, so the venue can hand out clients without the two files importing each
 * other.
 */
export interface PaperVenue {
  readonly quoteCurrency: string;
  submit(a: PaperAccount, req: SubmitOrderRequest): VenueOrder;
  cancel(a: PaperAccount, clientOrderId: string): VenueOrder;
  /** Lets time-based work (latency, resting orders) catch up before a query is answered. */
  query(): void;
  find(a: PaperAccount, clientOrderId: string): VenueOrder | null;
  openOrders(a: PaperAccount, symbol?: string): VenueOrder[];
  /** A client connects to / leaves an account (a durable venue reloads it on connect). */
  attach(a: PaperAccount): Promise<void>;
  detach(a: PaperAccount): void;
  /** Resolves once every change is stored and reported; null when the venue is not durable. */
  settle(): Promise<void> | null;
}
