import {
  ExecutionError,
  type ExecutionClient,
  type ExecutionReport,
} from '../../src/ports/execution-client.js';
import type { Bar } from '../../src/ports/market-data.js';

/**
 * The crash test's wire between a parent (holding the paper exchange, i.e. the venue) and a child
 * engine process that the parent kills at random points.
 */
export type ParentMessage =
  | { t: 'bar'; seq: number; bar: Bar }
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; kind: ExecutionError['kind']; venueCode: string }
  | { t: 'report'; report: ExecutionReport }
  | { t: 'stop' };

export type ChildMessage =
  | { t: 'ready'; report: unknown }
  | { t: 'done'; seq: number }
  | { t: 'call'; id: number; method: RemoteMethod; args: unknown[] }
  | { t: 'stopped' };

export type RemoteMethod =
  | 'submitOrder'
  | 'cancelOrder'
  | 'fetchOrderByClientId'
  | 'fetchOpenOrders'
  | 'fetchPositions'
  | 'fetchBalances'
  | 'fetchFills';

/** An ExecutionClient whose every call travels to the parent process and back. */
export class IpcExecutionClient implements ExecutionClient {
  readonly venue = 'paper-ipc';
  private seq = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  private readonly handlers = new Set<(r: ExecutionReport) => void>();

  constructor(private readonly send: (m: ChildMessage) => void) {}

  /** Feed a parent message in; returns true if it was for this client. */
  receive(m: ParentMessage): boolean {
    if (m.t === 'report') {
      for (const h of this.handlers) h(m.report);
      return true;
    }
    if (m.t !== 'result') return false;
    const w = this.waiting.get(m.id);
    this.waiting.delete(m.id);
    if (!w) return true;
    if (m.ok) w.resolve(m.value);
    else w.reject(new ExecutionError({ kind: m.kind, venueCode: m.venueCode }));
    return true;
  }

  private call<T>(method: RemoteMethod, args: unknown[]): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.send({ t: 'call', id, method, args });
    });
  }

  async connect(): Promise<void> {}
  submitOrder: ExecutionClient['submitOrder'] = (r) => this.call('submitOrder', [r]);
  cancelOrder: ExecutionClient['cancelOrder'] = (r) => this.call('cancelOrder', [r]);
  fetchOrderByClientId: ExecutionClient['fetchOrderByClientId'] = (r) =>
    this.call('fetchOrderByClientId', [r]);
  fetchOpenOrders: ExecutionClient['fetchOpenOrders'] = (s) => this.call('fetchOpenOrders', [s]);
  fetchPositions: ExecutionClient['fetchPositions'] = () => this.call('fetchPositions', []);
  fetchBalances: ExecutionClient['fetchBalances'] = () => this.call('fetchBalances', []);
  fetchFills: ExecutionClient['fetchFills'] = (o) => this.call('fetchFills', [o]);

  onReport(handler: (r: ExecutionReport) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async dispose(): Promise<void> {
    this.handlers.clear();
  }
}

/** Serves one child's calls against a real client (the parent side). */
export async function serveCall(
  client: ExecutionClient,
  m: Extract<ChildMessage, { t: 'call' }>,
): Promise<ParentMessage> {
  try {
    const value = await callMethod(client, m.method, m.args);
    return { t: 'result', id: m.id, ok: true, value: value ?? null };
  } catch (e) {
    if (e instanceof ExecutionError)
      return { t: 'result', id: m.id, ok: false, kind: e.kind, venueCode: e.venueCode };
    return { t: 'result', id: m.id, ok: false, kind: 'fatal', venueCode: 'PARENT_ERROR' };
  }
}

function callMethod(
  client: ExecutionClient,
  method: RemoteMethod,
  args: unknown[],
): Promise<unknown> {
  const a = args as never[];
  switch (method) {
    case 'submitOrder':
      return client.submitOrder(a[0] as never);
    case 'cancelOrder':
      return client.cancelOrder(a[0] as never);
    case 'fetchOrderByClientId':
      return client.fetchOrderByClientId(a[0] as never);
    case 'fetchOpenOrders':
      return client.fetchOpenOrders(a[0]);
    case 'fetchPositions':
      return client.fetchPositions();
    case 'fetchBalances':
      return client.fetchBalances();
    case 'fetchFills':
      return client.fetchFills(a[0] as never);
  }
}
