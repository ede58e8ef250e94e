import ccxt, { type Exchange } from 'ccxt';

export interface CcxtCredentials {
  exchangeId: string;
  apiKey?: string | undefined;
  secret?: string | undefined;
  sandbox: boolean;
}

/**
 * Builds a configured ccxt exchange from deployment settings. Rate limiting stays on (ccxt's own
 * throttle), and sandbox mode is the default so a misconfigured deployment cannot trade real money.
 */
export function createCcxtExchange(c: CcxtCredentials): Exchange {
  const ctor = (ccxt as unknown as Record<string, new (config: object) => Exchange>)[c.exchangeId];
  if (typeof ctor !== 'function') throw new Error(`ccxt has no exchange "${c.exchangeId}"`);
  const exchange = new ctor({ apiKey: c.apiKey, secret: c.secret, enableRateLimit: true });
  if (c.sandbox) exchange.setSandboxMode(true);
  return exchange;
}
