import { describe, expect, it } from 'vitest';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../../market/instruments.js';
import { TestClock } from '../../../ports/clock.js';
import type { ExecutionReport, SubmitOrderRequest } from '../../../ports/execution-client.js';
import { executionClientContract } from '../execution-client-contract.js';
import { PaperExchange } from './paper-exchange.js';
import type { PaperAccountRecord, PaperVenueChange, PaperVenueStore } from './paper-persistence.js';

/** A store in memory that keeps exactly what was saved (rows, not objects) and can fail. */
class MemoryVenueStore implements PaperVenueStore {
  accounts = new Map<string, PaperVenueChange['accounts'][number]>();
  orders = new Map<string, PaperVenueChange['orders'][number]>();
  fills = new Map<string, PaperVenueChange['fills'][number]>();
  failNext = 0;
  saves = 0;

  async loadAccount(id: string): Promise<PaperAccountRecord | null> {
    const account = this.accounts.get(id);
    const orders = [...this.orders.values()].filter((o) => o.accountId === id);
    if (!account && orders.length === 0) return null;
    return structuredClone({
      account: account ?? { accountId: id, cash: '0', positions: {} },
      orders,
      fills: [...this.fills.values()].filter((f) => f.accountId === id).map((f) => f.fill),
    });
  }

  async save(c: PaperVenueChange): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database unavailable');
    }
    this.saves++;
    const copy = structuredClone(c);
    for (const a of copy.accounts) this.accounts.set(a.accountId, a);
    for (const o of copy.orders) this.orders.set(`${o.accountId}|${o.clientOrderId}`, o);
    for (const f of copy.fills) this.fills.set(`${f.accountId}|${f.fill.exchangeTradeId}`, f);
  }
}

const venue = (store: PaperVenueStore) => {
  const exchange = new PaperExchange({
    clock: new TestClock(1_000),
    instruments: DEFAULT_SIM_INSTRUMENTS.map(toContractInstrument),
    store,
  });
  exchange.setPrice('BTC-USD', 64_000);
  return exchange;
};

const order = (id: string, o: Partial<SubmitOrderRequest> = {}): SubmitOrderRequest => ({
  clientOrderId: id,
  symbol: 'BTC-USD',
  side: 'BUY',
  type: 'MARKET',
  quantity: '0.01',
  limitPrice: null,
  stopPrice: null,
  reduceOnly: false,
  ...o,
});

// The durable venue keeps the whole ExecutionClient contract.
executionClientContract('PaperExecutionClient (durable)', async () => {
  const exchange = venue(new MemoryVenueStore());
  const client = exchange.client('acct');
  await client.connect();
  return {
    client,
    marketOrder: order('co-1'),
    unknownClientOrderId: 'never-sent',
    failNextRead: () => exchange.injectFault('query-failure'),
    failNextSubmit: (how) =>
      exchange.injectFault(how === 'timeout' ? 'timeout-before-landed' : 'http-429'),
  };
});

describe('the durable paper venue', () => {
  it('a new venue on the same store has the accounts, open orders and fills of the old one', async () => {
    const store = new MemoryVenueStore();
    const a = venue(store).client('t1');
    await a.connect();
    await a.submitOrder(order('m-1'));
    await a.submitOrder(order('l-1', { type: 'LIMIT', limitPrice: '60000.00' }));

    const b = venue(store).client('t1'); // a restarted process
    await b.connect();
    expect(await b.fetchPositions()).toEqual([{ symbol: 'BTC-USD', quantity: '0.01' }]);
    expect((await b.fetchOpenOrders()).map((o) => o.clientOrderId)).toEqual(['l-1']);
    expect((await b.fetchFills({ since: 0 })).map((f) => f.clientOrderId)).toEqual(['m-1']);
    expect(await b.fetchBalances()).toEqual(await a.fetchBalances());
    expect(await b.fetchOrderByClientId({ clientOrderId: 'm-1', symbol: 'BTC-USD' })).toEqual(
      await a.fetchOrderByClientId({ clientOrderId: 'm-1', symbol: 'BTC-USD' }),
    );
    // The same client order id is still refused after the restart: never two venue orders.
    await expect(b.submitOrder(order('m-1'))).rejects.toMatchObject({
      venueCode: 'DUPLICATE_CLIENT_ORDER_ID',
    });
  });

  it('reports only what is stored; a failed save answers outcome-unknown and is retried', async () => {
    const store = new MemoryVenueStore();
    const exchange = venue(store);
    const c = exchange.client('t1');
    await c.connect();
    const seen: ExecutionReport[] = [];
    c.onReport((r) => seen.push(r));
    store.failNext = 1;
    await expect(c.submitOrder(order('m-1'))).rejects.toMatchObject({ kind: 'outcome-unknown' });
    expect(seen).toHaveLength(0); // nothing reported that a restart could lose
    expect(store.orders.size).toBe(0);
    // The next save carries the held changes; then the reports go out.
    await c.submitOrder(order('m-2'));
    expect([...store.orders.keys()].sort()).toEqual(['t1|m-1', 't1|m-2']);
    expect(seen.filter((r) => r.kind === 'fill')).toHaveLength(2);
    const restarted = venue(store).client('t1');
    await restarted.connect();
    expect(await restarted.fetchPositions()).toEqual([{ symbol: 'BTC-USD', quantity: '0.02' }]);
  });
});
