import {
  ExecutionError,
  type ExecutionClient,
  type ExecutionErrorKind,
  type ExecutionReport,
  type OrderRef,
  type SubmitOrderRequest,
  type VenueBalance,
  type VenueFill,
  type VenueOrder,
  type VenuePosition,
} from '../../../ports/execution-client.js';

export interface RemoteExecutionClientOptions {
  baseUrl: string;
  account: string;
  /**
   * Who is sending (the backend's INSTANCE_ID), as the `x-sender` header: the venue's own log
   * then shows which instance sent each order (a fenced instance must send none).
   */
  sender?: string | undefined;
  timeoutMs?: number;
  /** How often execution reports are polled while someone listens. */
  pollMs?: number;
}

const KINDS: readonly ExecutionErrorKind[] = [
  'retryable',
  'non-retryable',
  'fatal',
  'outcome-unknown',
];

/**
 * ExecutionClient of a paper venue served over HTTP (paper-venue-server.ts). Errors are classified
 * from the venue's code and the HTTP status, never from message text; a submit whose answer is
 * lost (timeout, connection reset) is `outcome-unknown`, to be settled by client order id.
 */
export class RemoteExecutionClient implements ExecutionClient {
  readonly venue = 'paper-remote';
  private readonly handlers = new Set<(r: ExecutionReport) => void>();
  private timer: NodeJS.Timeout | null = null;
  private after = 0;
  private primed = false;
  private disposed = false;

  constructor(private readonly o: RemoteExecutionClientOptions) {}

  private url(path: string): string {
    return `${this.o.baseUrl.replace(/\/$/, '')}/accounts/${encodeURIComponent(this.o.account)}${path}`;
  }

  private async request<T>(input: {
    path: string;
    method?: 'GET' | 'POST';
    body?: unknown;
    lostKind: ExecutionErrorKind;
  }): Promise<T> {
    if (this.disposed) throw new ExecutionError({ kind: 'fatal', venueCode: 'CLIENT_DISPOSED' });
    let res: Response;
    try {
      res = await fetch(this.url(input.path), {
        method: input.method ?? 'GET',
        headers: {
          ...(input.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.o.sender ? { 'x-sender': this.o.sender } : {}),
        },
        ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
      });
    } catch (cause) {
      throw new ExecutionError({ kind: input.lostKind, venueCode: 'NETWORK', cause });
    }
    const body = (await res.json().catch(() => null)) as {
      error?: { kind?: string; venueCode?: string; retryAfterMs?: number | null };
    } | null;
    if (res.ok) return body as T;
    const kind =
      KINDS.find((k) => k === body?.error?.kind) ??
      (res.status >= 500 ? 'retryable' : 'non-retryable');
    throw new ExecutionError({
      kind,
      venueCode: body?.error?.venueCode ?? `HTTP_${res.status}`,
      ...(body?.error?.retryAfterMs ? { retryAfterMs: body.error.retryAfterMs } : {}),
    });
  }

  async connect(): Promise<void> {
    await this.request({ path: '/balances', lostKind: 'retryable' });
  }

  submitOrder(request: SubmitOrderRequest): Promise<VenueOrder> {
    return this.request({
      path: '/orders',
      method: 'POST',
      body: request,
      lostKind: 'outcome-unknown',
    });
  }

  cancelOrder(ref: OrderRef): Promise<VenueOrder> {
    return this.request({
      path: `/orders/${encodeURIComponent(ref.clientOrderId)}/cancel`,
      method: 'POST',
      body: { symbol: ref.symbol },
      lostKind: 'retryable',
    });
  }

  async fetchOrderByClientId(ref: OrderRef): Promise<VenueOrder | null> {
    return (
      await this.request<{ order: VenueOrder | null }>({
        path: `/orders/${encodeURIComponent(ref.clientOrderId)}`,
        lostKind: 'retryable',
      })
    ).order;
  }

  fetchOpenOrders(symbol?: string): Promise<VenueOrder[]> {
    return this.request({
      path: `/open-orders${symbol ? `?symbol=${encodeURIComponent(symbol)}` : ''}`,
      lostKind: 'retryable',
    });
  }

  fetchPositions(): Promise<VenuePosition[]> {
    return this.request({ path: '/positions', lostKind: 'retryable' });
  }

  fetchBalances(): Promise<VenueBalance[]> {
    return this.request({ path: '/balances', lostKind: 'retryable' });
  }

  fetchFills(options: { since: number; symbol?: string }): Promise<VenueFill[]> {
    const q = `since=${options.since}${options.symbol ? `&symbol=${encodeURIComponent(options.symbol)}` : ''}`;
    return this.request({ path: `/fills?${q}`, lostKind: 'retryable' });
  }

  onReport(handler: (report: ExecutionReport) => void): () => void {
    this.handlers.add(handler);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.o.pollMs ?? 200);
      this.timer.unref();
      void this.poll();
    }
    return () => {
      this.handlers.delete(handler);
      if (this.handlers.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  private async poll(): Promise<void> {
    try {
      const r = await this.request<{
        reports: { seq: number; report: ExecutionReport }[];
        last: number;
      }>({ path: `/reports?after=${this.after}`, lostKind: 'retryable' });
      // Reports from before this client existed were settled by reconciliation; start after them.
      if (!this.primed) {
        this.primed = true;
        this.after = r.last;
        return;
      }
      for (const { seq, report } of r.reports) {
        this.after = Math.max(this.after, seq);
        for (const h of this.handlers) h(report);
      }
    } catch {
      // The next poll retries; missed fills are also fetched by the engine after each order.
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.handlers.clear();
  }
}
