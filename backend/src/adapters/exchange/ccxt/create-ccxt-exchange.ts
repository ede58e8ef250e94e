import { Agent } from 'node:http';
import ccxt, { type Exchange } from 'ccxt';

export interface CcxtCredentials {
  exchangeId: string;
  apiKey?: string | undefined;
  secret?: string | undefined;
  /** ccxt's name for a venue's passphrase (Coinbase, OKX, KuCoin). */
  password?: string | undefined;
  sandbox: boolean;
  /**
   * A base URL replacing every REST endpoint of the venue (Binance layout: `<url>/api/v3`,
   * `<url>/sapi/v1`): the local exchange that speaks Binance's protocol.
   */
  urlOverride?: string | undefined;
  /**
   * ccxt's `pro` class of the venue (REST and WebSocket streams: watchOHLCV, watchTicker,
   * watchOrders); under `urlOverride` its WebSocket URLs move to the same host.
   */
  pro?: boolean;
}

type ExchangeCtor = new (config: object) => Exchange;

/**
 * Builds a configured ccxt exchange from deployment settings. Rate limiting stays on (ccxt's own
 * throttle), and sandbox mode is the default so a misconfigured deployment cannot trade real money.
 */
export function createCcxtExchange(c: CcxtCredentials): Exchange {
  const classes = (c.pro ? ccxt.pro : ccxt) as unknown as Record<string, ExchangeCtor>;
  const ctor = classes[c.exchangeId];
  if (typeof ctor !== 'function') throw new Error(`ccxt has no exchange "${c.exchangeId}"`);
  const exchange = new ctor({
    apiKey: c.apiKey,
    secret: c.secret,
    ...(c.password ? { password: c.password } : {}),
    enableRateLimit: true,
  });
  if (c.urlOverride) overrideUrls(exchange, c.urlOverride);
  else if (c.sandbox) exchange.setSandboxMode(true);
  return exchange;
}

/** Points every REST API group of the exchange at `base` (keeps each group's path). */
function overrideUrls(exchange: Exchange, base: string): void {
  const api = (exchange.urls as { api?: Record<string, unknown> }).api ?? {};
  const root = base.replace(/\/$/, '');
  for (const [name, url] of Object.entries(api)) {
    if (typeof url !== 'string' || !/^https?:/.test(url)) continue;
    api[name] = root + new URL(url).pathname.replace(/\/$/, '');
  }
  // WebSocket groups (`ws`, and `ws-api` nested in it) keep their paths on the same host.
  const wsRoot = root.replace(/^http/, 'ws');
  const moveWs = (group: Record<string, unknown>): void => {
    for (const [name, url] of Object.entries(group)) {
      if (typeof url === 'string' && /^wss?:/.test(url))
        group[name] = wsRoot + new URL(url).pathname.replace(/\/$/, '');
      else if (url && typeof url === 'object') moveWs(url as Record<string, unknown>);
    }
  };
  if (api.ws && typeof api.ws === 'object') moveWs(api.ws as Record<string, unknown>);
  // ccxt opens plain ws:// sockets only through an http agent it is given (the local exchange).
  (exchange as unknown as { httpAgent?: Agent }).httpAgent ??= new Agent({ keepAlive: true });
  (exchange.urls as { api?: Record<string, unknown> }).api = api;
  // The local exchange is spot only and has no wallet (sapi capital) endpoints.
  exchange.options.fetchMarkets = { types: ['spot'], loadAllOptions: false };
  exchange.options.fetchCurrencies = false;
  exchange.options.fetchMargins = false;
}
