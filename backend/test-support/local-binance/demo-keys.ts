import type { LocalBinanceAccount } from './local-binance.js';

/**
 * Published demo keys of the local exchange: anyone running it locally can connect them as a
 * venue account (venue "Local exchange (Binance protocol)"). The third can withdraw, so the
 * backend's refusal of such keys can be seen.
 */
export const LOCAL_EXCHANGE_DEMO_KEYS: readonly LocalBinanceAccount[] = [
  { apiKey: 'local-demo-key-1', secret: 'local-demo-secret-1', accountId: 'demo-1' },
  { apiKey: 'local-demo-key-2', secret: 'local-demo-secret-2', accountId: 'demo-2' },
  {
    apiKey: 'local-demo-key-withdraw',
    secret: 'local-demo-secret-withdraw',
    accountId: 'demo-withdraw',
    canWithdraw: true,
  },
];
