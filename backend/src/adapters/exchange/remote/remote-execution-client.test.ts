import { afterAll } from 'vitest';
import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../../market/instruments.js';
import { TestClock } from '../../../ports/clock.js';
import { executionClientContract } from '../execution-client-contract.js';
import { PaperExchange } from '../paper/paper-exchange.js';
import { type PaperVenueServer, createPaperVenueServer } from './paper-venue-server.js';
import { RemoteExecutionClient } from './remote-execution-client.js';

const servers: PaperVenueServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.app.close();
});

// The same suite as the in-process and ccxt clients, over real HTTP: a paper venue served on a
// free port, faults injected at the venue, so errors cross the wire as codes and statuses and the
// client must classify them back.
executionClientContract('RemoteExecutionClient (paper venue over HTTP)', async () => {
  const exchange = new PaperExchange({
    clock: new TestClock(1_000),
    instruments: DEFAULT_SIM_INSTRUMENTS.map(toContractInstrument),
  });
  exchange.setPrice('BTC-USD', 64_000);
  const server = createPaperVenueServer(exchange);
  servers.push(server);
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    client: new RemoteExecutionClient({ baseUrl: `http://127.0.0.1:${port}`, account: 'acct' }),
    marketOrder: {
      clientOrderId: 'co-1',
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.01',
      limitPrice: null,
      stopPrice: null,
      reduceOnly: false,
    },
    unknownClientOrderId: 'never-sent',
    failNextRead: () => exchange.injectFault('query-failure'),
    failNextSubmit: (how) =>
      exchange.injectFault(how === 'timeout' ? 'timeout-before-landed' : 'http-429'),
  };
});
