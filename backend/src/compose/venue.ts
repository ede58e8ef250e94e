import { AppError } from '@bytelyst/trading-contracts';
import { CcxtExecutionClient } from '../adapters/exchange/ccxt/ccxt-execution-client.js';
import { createCcxtExchange } from '../adapters/exchange/ccxt/create-ccxt-exchange.js';
import { PaperExchange } from '../adapters/exchange/paper/paper-exchange.js';
import { RemoteExecutionClient } from '../adapters/exchange/remote/remote-execution-client.js';
import { SimulatedMarket } from '../adapters/market/simulated-market.js';
import type { SqlStore } from '../adapters/store/index.js';
import { SqlPaperVenueStore } from '../adapters/store/repo-paper-venue.js';
import type { BackendEnv } from '../env.js';
import type { Clock } from '../ports/clock.js';
import type { ExecutionClient, ExecutionClientProvider } from '../ports/execution-client.js';

/** Opens a fresh client of one venue account of a tenant (VenueAccountClients.open). */
export type VenueAccountOpener = (tenantId: string, accountId: string) => Promise<ExecutionClient>;
import { venueUrlOverrides } from './venue-feeds.js';

/**
 * The client of each venue account a tenant trades on. A profile naming a venue account trades
 * through that account's own client (its sealed keys, its rate limit), whatever `EXCHANGE` says.
 * The tenant's paper account (account id null) is, by `EXCHANGE`: the in-process paper book, a
 * paper venue over HTTP, or, for the one tenant CCXT_TENANT_ID only, the venue the deployment's
 * CCXT_* keys open (the older single-account setup, kept for deployments that use it; every
 * other tenant keeps trading on paper rather than sharing that account).
 */
export function executionFor(
  env: BackendEnv,
  options: {
    paper: PaperExchange;
    clock: Clock;
    symbols: readonly string[];
    instanceId?: string;
    venueAccounts?: VenueAccountOpener;
  },
): ExecutionClientProvider {
  const paperOf = paperAccountFor(env, options);
  return (tenantId, accountId) => {
    if (accountId === null) return paperOf(tenantId);
    if (!options.venueAccounts)
      throw new AppError('NOT_READY', 'Venue accounts are not available on this instance.');
    return options.venueAccounts(tenantId, accountId);
  };
}

function paperAccountFor(
  env: BackendEnv,
  options: { paper: PaperExchange; clock: Clock; symbols: readonly string[]; instanceId?: string },
): (tenantId: string) => ExecutionClient {
  switch (env.EXCHANGE) {
    case 'paper':
      return (tenantId) => options.paper.client(tenantId);
    case 'paper-remote': {
      const baseUrl = env.PAPER_VENUE_URL ?? '';
      return (tenantId) =>
        new RemoteExecutionClient({ baseUrl, account: tenantId, sender: options.instanceId });
    }
    case 'ccxt': {
      // `localbinance`: the local exchange (LOCAL_EXCHANGE_URL), through ccxt's binance class.
      const url = venueUrlOverrides(env)[env.CCXT_EXCHANGE_ID ?? ''];
      const exchange = createCcxtExchange({
        exchangeId: url ? 'binance' : (env.CCXT_EXCHANGE_ID ?? ''),
        apiKey: env.CCXT_API_KEY,
        secret: env.CCXT_API_SECRET,
        sandbox: env.CCXT_SANDBOX,
        urlOverride: url,
      });
      const venue = new CcxtExecutionClient({
        exchange,
        clock: options.clock,
        symbols: options.symbols,
      });
      return (tenantId) =>
        tenantId === env.CCXT_TENANT_ID ? venue : options.paper.client(tenantId);
    }
  }
}

/** Simulated market history before "now", so strategies have warm indicators at once. */
const WARMUP_MS = 3 * 3_600_000;

/**
 * The simulated market (warm history, real-time ticks) and the embedded paper venue it prices.
 * Multi-instance tests pass one shared venue; otherwise each process keeps its own, with its
 * books in the store so a restart finds them again.
 */
export function composeMarket(
  env: BackendEnv,
  options: { clock: Clock; store: SqlStore; exchange?: PaperExchange },
): { market: SimulatedMarket; exchange: PaperExchange } {
  const { clock } = options;
  const now = clock.now();
  const market = new SimulatedMarket({
    clock,
    seed: env.MARKET_SEED,
    tickMs: env.MARKET_TICK_MS,
    startTime: Math.floor((now - WARMUP_MS) / 60_000) * 60_000,
    realtime: true,
    historyLimit: 600,
  });
  market.advanceTo(now);
  const exchange =
    options.exchange ??
    new PaperExchange({
      clock,
      instruments: market.instruments(),
      latencyMs: 50,
      marketFillParts: 2,
      store: new SqlPaperVenueStore(options.store.sql),
    });
  market.subscribe((e) => {
    if (e.kind === 'tick') {
      exchange.setPrice(e.symbol, e.price);
      exchange.flush();
    }
  });
  return { market, exchange };
}
