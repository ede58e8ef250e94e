import { DEFAULT_SIM_INSTRUMENTS, toContractInstrument } from '../../market/instruments.js';
import { TestClock } from '../../../ports/clock.js';
import { executionClientContract } from '../execution-client-contract.js';
import { PaperExchange } from './paper-exchange.js';

executionClientContract('PaperExecutionClient', async () => {
  const exchange = new PaperExchange({
    clock: new TestClock(1_000),
    instruments: DEFAULT_SIM_INSTRUMENTS.map(toContractInstrument),
  });
  exchange.setPrice('BTC-USD', 64_000);
  return {
    client: exchange.client('acct'),
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
