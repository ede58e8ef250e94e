/**
 * Child process of the crash tests: one engine trading tenant "t1" on its store, with the venue
 * outside this process: a paper exchange in the parent over IPC, or (`venue` in its config) the
 * local exchange speaking Binance's protocol, over HTTP through ccxt with the account's keys.
 * The parent drives time and candles and kills this process
 * with SIGKILL at random points; each new child must recover from the books and the venue.
 *
 * argv: <CrashChildConfig as JSON> (crash-child-config.ts)
 */
import { createLeaseManager, createStore } from '../../src/adapters/store/index.js';
import {
  DEFAULT_SIM_INSTRUMENTS,
  toContractInstrument,
} from '../../src/adapters/market/instruments.js';
import { CcxtExecutionClient } from '../../src/adapters/exchange/ccxt/ccxt-execution-client.js';
import { createCcxtExchange } from '../../src/adapters/exchange/ccxt/create-ccxt-exchange.js';
import { TestClock } from '../../src/ports/clock.js';
import type { ExecutionClient } from '../../src/ports/execution-client.js';
import type { Bar, MarketDataFeed, MarketHandler, Tick } from '../../src/ports/market-data.js';
import { createTradingEngine } from '../../src/engine/trading-engine.js';
import { IpcExecutionClient, type ChildMessage, type ParentMessage } from './ipc-protocol.js';
import { PRODUCT_ON } from './fixtures.js';
import { CrashChildConfig } from './crash-child-config.js';

const config = CrashChildConfig.parse(JSON.parse(process.argv[2] ?? '{}'));
const { dataDir, databaseUrl, schema, venue } = config;
const send = (m: ChildMessage) => process.send?.(m);
const clock = new TestClock(config.startTime);
const instruments = DEFAULT_SIM_INSTRUMENTS.filter((i) => i.symbol === 'BTC-USD').map(
  toContractInstrument,
);
const last = new Map<string, Tick>();
const handlers = new Set<MarketHandler>();
const market: MarketDataFeed = {
  start: async () => {},
  dispose: async () => {},
  subscribe: (h) => (handlers.add(h), () => handlers.delete(h)),
  instruments: () => instruments,
  lastPrice: (s) => last.get(s),
  history: () => [],
};
const ipc = new IpcExecutionClient(send);
const client: ExecutionClient = venue ? ccxtClient(venue) : ipc;
const pending: ParentMessage[] = [];
let busy = false;
let ready = false;
process.on('message', (m: ParentMessage) => {
  if (!ipc.receive(m)) pending.push(m);
  void pump();
});

function ccxtClient(v: NonNullable<CrashChildConfig['venue']>): ExecutionClient {
  const exchange = createCcxtExchange({
    exchangeId: 'binance',
    apiKey: v.apiKey,
    secret: v.secret,
    sandbox: false,
    urlOverride: v.url,
  });
  // A dropped answer should become "outcome unknown" quickly; the exchange answers in ms.
  exchange.timeout = 2_000;
  return new CcxtExecutionClient({ exchange, clock, symbols: ['BTC-USD'] });
}

const store = await createStore({ dataDir, databaseUrl, schema, migrate: false });
const lease = await createLeaseManager({
  store,
  instanceId: `child-${process.pid}`,
  databaseUrl,
  schema,
}).tryAcquire('t1');
const engine = createTradingEngine({
  clock,
  market,
  execution: client,
  journal: store.journal,
  instanceId: `child-${process.pid}`,
  config: { marketStaleMs: 3_600_000, assumeProductEnabled: true },
});
engine.setControls({ product: PRODUCT_ON, productReceivedAt: clock.now() });
const report = await engine.startTenant('t1', { epoch: lease?.epoch ?? 1 });
ready = true;
send({ t: 'ready', report });

async function pump(): Promise<void> {
  if (busy || !ready) return;
  busy = true;
  try {
    while (pending.length > 0) {
      const m = pending.shift();
      if (!m) break;
      if (m.t === 'stop') {
        await engine.stop();
        await store.close();
        send({ t: 'stopped' });
        process.exit(0);
      }
      if (m.t !== 'bar') continue;
      clock.set(m.bar.openTime + 60_000);
      const bar: Bar = m.bar;
      last.set(bar.symbol, { kind: 'tick', symbol: bar.symbol, price: bar.close, at: clock.now() });
      await engine.onMarket({
        kind: 'tick',
        symbol: bar.symbol,
        price: bar.close,
        at: clock.now(),
      });
      await engine.onMarket(bar);
      await engine.idle();
      send({ t: 'done', seq: m.seq });
    }
  } finally {
    busy = false;
  }
}
void pump();
